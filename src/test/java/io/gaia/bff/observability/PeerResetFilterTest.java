package io.gaia.bff.observability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/**
 * A peer that went away is not an ERROR worth an operator's time. Anything else Vert.x reports
 * there, and every other logger's lines, still get through.
 */
class PeerResetFilterTest {

    private final PeerResetFilter filter = new PeerResetFilter();

    @Test
    void aResetOrBrokenPipeIsDropped() {
        assertFalse(filter.isLoggable(unhandled(new SocketException("Connection reset"))));
        assertFalse(filter.isLoggable(unhandled(new IOException("Connection reset by peer"))));
        assertFalse(filter.isLoggable(unhandled(new IOException("Broken pipe"))));
        assertFalse(filter.isLoggable(unhandled(new java.nio.channels.ClosedChannelException())));
    }

    @Test
    void otherFailuresAndOtherLoggersStillGetThrough() {
        assertTrue(filter.isLoggable(unhandled(new IOException("No route to host"))));
        assertTrue(filter.isLoggable(unhandled(new IllegalStateException("Connection reset"))));
        assertTrue(filter.isLoggable(unhandled(new IOException((String) null))));
        LogRecord elsewhere = new LogRecord(Level.SEVERE, "failed");
        elsewhere.setLoggerName("io.gaia.bff.upstream");
        elsewhere.setThrown(new IOException("Connection reset by peer"));
        assertTrue(filter.isLoggable(elsewhere));
    }

    private static LogRecord unhandled(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Unhandled exception");
        record.setLoggerName("io.vertx.core.net.impl.ConnectionBase");
        record.setThrown(thrown);
        return record;
    }
}
