package io.gaia.bff.gaia;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.gaia.bff.config.GaiaConfig;
import io.gaia.bff.observability.BffMetrics;
import io.quarkus.scheduler.Scheduled;

/**
 * Asks Gaia now and then whether it answers, so readiness data is fresh even when no user is active.
 * Uses GAIA_API_KEY when set; without it, Gaia's 401 still proves Gaia is there.
 */
@ApplicationScoped
public class GaiaReachabilityProbe {

    private final GaiaService gaia;
    private final GaiaConfig config;

    public GaiaReachabilityProbe(GaiaService gaia, GaiaConfig config) {
        this.gaia = gaia;
        this.config = config;
    }

    @Scheduled(every = "${gaia.reachability-probe-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        gaia.checkKey(config.apiKey().orElse(null), BffMetrics.PROBE)
                .onFailure().recoverWithNull()
                .await().atMost(config.requestTimeoutDuration().plus(Duration.ofSeconds(1)));
    }
}
