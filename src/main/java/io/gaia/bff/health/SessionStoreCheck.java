package io.gaia.bff.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.gaia.bff.config.SessionConfig;
import io.gaia.bff.session.SessionService;
import io.gaia.bff.session.SessionStoreUnavailableException;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Ready when the session store answers; reports which store it is and how many sessions it holds. */
@Readiness
@ApplicationScoped
public class SessionStoreCheck implements AsyncHealthCheck {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    private final SessionService sessions;
    private final String store;

    public SessionStoreCheck(SessionService sessions, SessionConfig config) {
        this.sessions = sessions;
        this.store = config.store().name().toLowerCase();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return sessions.liveSessions()
                .ifNoItem().after(LIMIT).fail()
                .map(count -> HealthCheckResponse.named("session-store").up()
                        .withData("store", store).withData("sessions", count).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("session-store").down()
                        .withData("store", store).withData("error", describe(failure)).build());
    }

    /** The store's own account (it never quotes keys), or just the kind of failure. */
    private static String describe(Throwable failure) {
        return failure instanceof SessionStoreUnavailableException && failure.getMessage() != null
                ? failure.getMessage()
                : failure.getClass().getSimpleName();
    }
}
