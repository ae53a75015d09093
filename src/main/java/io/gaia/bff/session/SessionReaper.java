package io.gaia.bff.session;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Frees the memory of sessions nobody came back to end. With Redis every replica runs it; each run is
 * atomic in Redis, so they never get in each other's way.
 */
@ApplicationScoped
public class SessionReaper {

    private static final Logger LOG = Logger.getLogger(SessionReaper.class);

    private final SessionService sessions;

    public SessionReaper(SessionService sessions) {
        this.sessions = sessions;
    }

    @Scheduled(every = "${session.reaper-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        // A store that is down is readiness's news (and the next run's job), not a stack trace a minute.
        return sessions.purgeExpired()
                .onFailure(SessionStoreUnavailableException.class)
                .invoke(e -> LOG.warnf("Expired sessions not purged this time: %s", e.getMessage()))
                .onFailure(SessionStoreUnavailableException.class).recoverWithNull()
                .replaceWithVoid();
    }
}
