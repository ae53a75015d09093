package io.gaia.bff.live;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.gaia.bff.session.SessionHolder;
import io.gaia.bff.session.SessionsEnded;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Every socket open on /api/v1/ws, so that shutdown can close them. Until its socket closes, the
 * HTTP request that opened it counts as in flight (quarkus.shutdown.timeout): a socket the service
 * left open would hold every shutdown for the whole SHUTDOWN_TIMEOUT_SECONDS, then be dropped with
 * a close code (1000) that tells the client nothing. A session ended (logout, revocation, eviction,
 * here or on another replica) closes its sockets here too.
 */
@Singleton
class OpenSockets implements SessionHolder {

    private static final Logger LOG = Logger.getLogger(OpenSockets.class);

    private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    void add(LiveConnection connection) {
        open.add(connection);
        // A socket opened while shutdown is already closing the others (the shutdown delay) goes too;
        // checked after adding, so a concurrent closeAll either sees it or is seen here.
        if (shuttingDown) {
            connection.goingAway();
        }
    }

    void remove(LiveConnection connection) {
        open.remove(connection);
    }

    /**
     * Fired at the start of a shutdown (quarkus.shutdown.delay-enabled), before the HTTP server waits
     * for in-flight requests.
     */
    void onShutdownStarting(@Observes ShutdownDelayInitiatedEvent event) {
        closeAll();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        closeAll();
    }

    @Override
    public Set<String> heldSessionIds() {
        return open.stream().map(LiveConnection::heldSessionId).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    void onSessionsEnded(@Observes SessionsEnded ended) {
        for (LiveConnection connection : open) {
            try {
                connection.sessionsEnded(ended);
            } catch (RuntimeException e) {
                LOG.warn("A WebSocket failed to close cleanly with its session", e);
            }
        }
    }

    private void closeAll() {
        shuttingDown = true;
        if (!open.isEmpty()) {
            LOG.infof("Shutting down: closing %d open WebSocket(s)", open.size());
        }
        for (LiveConnection connection : open) {
            try {
                connection.goingAway();
            } catch (RuntimeException e) {
                LOG.warn("A WebSocket failed to close cleanly on shutdown", e);
            }
        }
    }
}
