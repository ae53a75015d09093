package io.gaia.bff.session;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Frees the memory of sessions nobody came back to end. */
@ApplicationScoped
public class SessionReaper {

    private final SessionService sessions;

    public SessionReaper(SessionService sessions) {
        this.sessions = sessions;
    }

    @Scheduled(every = "${session.reaper-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return sessions.purgeExpired().replaceWithVoid();
    }
}
