package io.gaia.bff.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.gaia.bff.gaia.GaiaReachability;

/**
 * Reports, as data, whether Gaia answered last time anyone asked. Always UP: a pod that cannot reach
 * Gaia is still the right pod to tell users so, and taking it out of service would not help.
 */
@Readiness
@ApplicationScoped
public class GaiaReachabilityCheck implements HealthCheck {

    private final GaiaReachability reachability;

    public GaiaReachabilityCheck(GaiaReachability reachability) {
        this.reachability = reachability;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("gaia").up();
        GaiaReachability.Observation last = reachability.last();
        if (last == null) {
            return response.withData("reachable", "unknown").build();
        }
        return response.withData("reachable", last.reachable())
                .withData("lastOutcome", last.outcome())
                .withData("lastCheckedAt", last.at().toString())
                .build();
    }
}
