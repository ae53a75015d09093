package io.gaia.bff.ask;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gaia.bff.config.StreamConfig;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Every streamed answer open on this instance, over SSE or WebSocket. It enforces the concurrency
 * limit (each stream holds a Gaia connection, so beyond it a new stream is refused with 503 and
 * Retry-After rather than left waiting for a connection) and, when the service shuts down, tells
 * each stream to end with an error its client can see instead of a silently dropped connection.
 */
@ApplicationScoped
public class OpenStreams {

    /** Seconds a refused client should wait: streams last seconds, so a slot frees up soon. */
    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger LOG = Logger.getLogger(OpenStreams.class);

    private final int limit;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Runnable> shutdownHooks = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    public OpenStreams(StreamConfig config) {
        this.limit = config.maxConcurrent();
    }

    /**
     * Reserves a place for one stream. {@code onShutdown} is called if the service stops while the
     * stream is open. Close the returned slot exactly when the stream ends, however it ends.
     */
    public Slot open(Runnable onShutdown) {
        if (shuttingDown) {
            throw shuttingDown();
        }
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            throw new ApiException(ErrorCode.TOO_MANY_STREAMS, 503,
                    "This instance is already streaming " + limit + " answers; try again shortly",
                    Map.of("Retry-After", RETRY_AFTER_SECONDS), null);
        }
        Slot slot = new Slot(onShutdown);
        shutdownHooks.add(onShutdown);
        return slot;
    }

    public int count() {
        return open.get();
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
        int streams = shutdownHooks.size();
        if (streams > 0) {
            LOG.infof("Shutting down: ending %d open answer stream(s)", streams);
        }
        for (Runnable hook : shutdownHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.warn("A stream failed to end cleanly on shutdown", e);
            }
        }
    }

    /** One stream's place; closing it twice is harmless. */
    public final class Slot implements AutoCloseable {

        private final Runnable onShutdown;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(Runnable onShutdown) {
            this.onShutdown = onShutdown;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                shutdownHooks.remove(onShutdown);
                open.decrementAndGet();
            }
        }
    }
}
