package io.gaia.bff.observability;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops Vert.x's context-free ERROR line for a peer that reset or closed a connection ("Connection
 * reset", "Broken pipe", a ClosedChannelException): Gaia resetting a call, or a browser leaving.
 * Vert.x logs it where no handler took the failure (the connection, or a Gaia request the service
 * already gave up on), outside any request, so it carries no request id and says nothing an operator can act on; the
 * request it hit is already logged with its id (the access line's 502, "Gaia call failed",
 * gaia_errors_total). Any other line of those loggers still gets through.
 * <p>
 * RESTEasy Reactive logs the same at ERROR, with a stack trace, when a browser leaves a streamed
 * answer that still had frames to write ("Exception in SSE server handling, impossible to send it to
 * client"): the stream's end is already handled, its call to Gaia closed.
 */
final class PeerResetFilter implements Filter {

    /** Where Vert.x reports a failure no handler took: on the connection, or on a client request already given up. */
    private static final Set<String> VERTX_UNHANDLED = Set.of("io.vertx.core.net.impl.ConnectionBase",
            "io.vertx.core.http.impl.HttpClientRequestImpl", "io.vertx.core.http.impl.HttpClientRequestBase",
            "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler");
    private static final Set<String> PEER_GONE = Set.of("Connection reset", "Connection reset by peer", "Broken pipe");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!VERTX_UNHANDLED.contains(record.getLoggerName())) {
            return true;
        }
        Throwable thrown = record.getThrown();
        String message = thrown != null ? thrown.getMessage() : record.getMessage();
        // Set.of(...).contains(null) throws, and a failure without a message is not a known peer reset.
        boolean peerGone = thrown instanceof ClosedChannelException
                || (thrown == null || thrown instanceof IOException) && message != null && PEER_GONE.contains(message);
        return !peerGone;
    }
}
