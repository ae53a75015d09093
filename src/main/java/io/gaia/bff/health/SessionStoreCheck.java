package io.gaia.bff.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.gaia.bff.session.SessionService;

/** Ready when the session store answers; reports how many sessions it holds. */
@Readiness
@ApplicationScoped
public class SessionStoreCheck implements HealthCheck {

    private final SessionService sessions;

    public SessionStoreCheck(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("session-store").up().withData("sessions", sessions.liveSessions()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("session-store").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
