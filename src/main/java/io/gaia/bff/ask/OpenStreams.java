package io.gaia.bff.ask;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gaia.bff.config.StreamConfig;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.gaia.bff.session.Session;
import io.gaia.bff.session.SessionHolder;
import io.gaia.bff.session.SessionsEnded;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Every streamed answer open on this instance, over SSE or WebSocket. It enforces the concurrency
 * limit (each stream holds a Gaia connection, so beyond it a new stream is refused with 503 and
 * Retry-After rather than left waiting for a connection) and, when the service shuts down, tells
 * each stream to end with an error its client can see instead of a silently dropped connection.
 * A stream opened for a session is also told when that session is ended on purpose (logout,
 * revocation, eviction; {@link SessionsEnded}, here or on another replica), so it does not go on
 * relaying to a logged-out user.
 */
@ApplicationScoped
public class OpenStreams implements SessionHolder {

    /** Seconds a refused client should wait: streams last seconds, so a slot frees up soon. */
    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger LOG = Logger.getLogger(OpenStreams.class);

    private final int limit;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    public OpenStreams(StreamConfig config) {
        this.limit = config.maxConcurrent();
    }

    /**
     * Reserves a place for one stream. {@code onShutdown} is called if the service stops while the
     * stream is open. Close the returned slot exactly when the stream ends, however it ends.
     */
    public Slot open(Runnable onShutdown) {
        return open(null, onShutdown, null);
    }

    /**
     * As {@link #open(Runnable)}, for a stream of {@code session}: {@code onSessionEnded} is called,
     * with the problem to end on, if that session is logged out, revoked or evicted while the
     * stream is open.
     */
    public Slot open(Session session, Runnable onShutdown, Consumer<ApiException> onSessionEnded) {
        if (shuttingDown) {
            throw shuttingDown();
        }
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            throw new ApiException(ErrorCode.TOO_MANY_STREAMS, 503,
                    "This instance is already streaming " + limit + " answers; try again shortly",
                    Map.of("Retry-After", RETRY_AFTER_SECONDS), null);
        }
        Slot slot = new Slot(session, onShutdown, onSessionEnded);
        slots.add(slot);
        return slot;
    }

    public int count() {
        return open.get();
    }

    /** The sessions of the streams that end with their session (a WebSocket's asks end with their socket). */
    @Override
    public Set<String> heldSessionIds() {
        return slots.stream().filter(slot -> slot.onSessionEnded != null).map(slot -> slot.sessionId)
                .collect(Collectors.toSet());
    }

    public static ApiException shuttingDown() {
        return new ApiException(ErrorCode.SHUTTING_DOWN, 503, "The service is shutting down; try again",
                Map.of("Retry-After", "1"), null);
    }

    /**
     * Fired at the start of a shutdown (quarkus.shutdown.delay-enabled), before the HTTP server waits
     * for in-flight requests: open streams would otherwise hold the shutdown until its timeout.
     */
    void onShutdownStarting(@Observes ShutdownDelayInitiatedEvent event) {
        endAll();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        endAll();
    }

    private void endAll() {
        shuttingDown = true;
        int streams = slots.size();
        if (streams > 0) {
            LOG.infof("Shutting down: ending %d open answer stream(s)", streams);
        }
        for (Slot slot : slots) {
            try {
                slot.onShutdown.run();
            } catch (RuntimeException e) {
                LOG.warn("A stream failed to end cleanly on shutdown", e);
            }
        }
    }

    /** Sessions were ended on this instance: their streams end with SESSION_INVALID, and close their Gaia calls. */
    void onSessionsEnded(@Observes SessionsEnded ended) {
        int count = 0;
        for (Slot slot : slots) {
            if (slot.onSessionEnded == null || !ended.includes(slot.sessionId, slot.keyId)) {
                continue;
            }
            count++;
            try {
                slot.onSessionEnded.accept(ended.problem());
            } catch (RuntimeException e) {
                LOG.warn("A stream failed to end cleanly with its session", e);
            }
        }
        if (count > 0) {
            LOG.infof("Ended %d open answer stream(s) of ended sessions (%s)", count, ended.reason());
        }
    }

    /** One stream's place; closing it twice is harmless. */
    public final class Slot implements AutoCloseable {

        private final Runnable onShutdown;
        /** Null for a stream that its owner ends with its session itself (a WebSocket's ask: the socket closes). */
        private final Consumer<ApiException> onSessionEnded;
        private final String sessionId;
        private final String keyId;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(Session session, Runnable onShutdown, Consumer<ApiException> onSessionEnded) {
            this.onShutdown = onShutdown;
            this.onSessionEnded = session == null ? null : onSessionEnded;
            this.sessionId = session == null ? null : session.id();
            this.keyId = session == null ? null : session.keyId();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                slots.remove(this);
                open.decrementAndGet();
            }
        }
    }
}
