package io.gaia.bff.session;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.gaia.bff.config.SessionConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * With the Redis store, another replica can end a session (a logout, an operator's revocation, an
 * eviction) while this one streams answers for it, and {@link SessionsEnded} only reaches the
 * instance where that happened. So every {@code session.ended-elsewhere-check} (15 s) the sessions
 * this instance's streams and WebSockets hold are looked up, and those the store no longer has end
 * here as they would have on the other replica. An expired session is left alone while the store
 * keeps it (until the reaper purges it, every minute): a stream that began on a valid session
 * usually finishes, as on one instance. Nothing to do with the memory store, which no other replica
 * shares.
 */
@ApplicationScoped
public class SessionsEndedElsewhere {

    private static final Logger LOG = Logger.getLogger(SessionsEndedElsewhere.class);
    /** Lookups in flight at once: well inside the Redis pool, which the requests need more. */
    private static final int CONCURRENT_LOOKUPS = 4;

    private final boolean shared;
    private final SessionStore store;
    private final Instance<SessionHolder> holders;
    private final Event<SessionsEnded> ended;

    public SessionsEndedElsewhere(SessionConfig config, SessionStore store, Instance<SessionHolder> holders,
            Event<SessionsEnded> ended) {
        this.shared = config.store() == SessionConfig.Store.REDIS;
        this.store = store;
        this.holders = holders;
        this.ended = ended;
    }

    @Scheduled(every = "${session.ended-elsewhere-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        if (!shared) {
            return Uni.createFrom().voidItem();
        }
        Set<String> held = new HashSet<>();
        for (SessionHolder holder : holders) {
            held.addAll(holder.heldSessionIds());
        }
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(held)
                .onItem().transformToUni(id -> store.find(id).map(found -> found.isPresent() ? "" : id))
                .merge(CONCURRENT_LOOKUPS)
                .filter(id -> !id.isEmpty())
                .collect().asSet()
                .invoke(gone -> {
                    if (!gone.isEmpty()) {
                        LOG.infof("%d session(s) held here no longer exist in the store: ending their streams", gone.size());
                        ended.fire(SessionsEnded.sessions(gone, SessionsEnded.Reason.GONE));
                    }
                })
                // The store is down: the requests report it; the next check tries again.
                .onFailure().invoke(failure -> LOG.debugf("Could not check held sessions: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
