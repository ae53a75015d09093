package io.gaia.bff.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.gaia.bff.gaia.GaiaGuards;
import io.gaia.bff.gaia.GaiaReachability;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Reports, as data, whether Gaia answered last time anyone asked. Always UP: a pod that cannot reach
 * Gaia is still the right pod to tell users so, and taking it out of service would not help.
 */
@Readiness
@ApplicationScoped
public class GaiaReachabilityCheck implements HealthCheck {

    private final GaiaReachability reachability;
    private final GaiaGuards guards;

    public GaiaReachabilityCheck(GaiaReachability reachability, GaiaGuards guards) {
        this.reachability = reachability;
        this.guards = guards;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("gaia").up();
        CircuitBreakerState breaker = guards.state();
        response.withData("breaker", breaker.name().toLowerCase());
        if (breaker == CircuitBreakerState.OPEN) {
            response.withData("breakerRetryAfterSeconds", guards.retryAfterSeconds());
        }
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
