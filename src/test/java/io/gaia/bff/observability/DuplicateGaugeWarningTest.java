package io.gaia.bff.observability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** The two framework gauges registered twice at every start make no WARN; any other duplicate still does. */
class DuplicateGaugeWarningTest {

    private final FrameworkNoise filter = new FrameworkNoise();

    @Test
    void theFrameworkBindersDuplicatesAreDropped() {
        assertFalse(filter.isLoggable(duplicate("netty.eventexecutor.workers", "[]")));
        assertFalse(filter.isLoggable(duplicate("redis.pool.queue.size", "[tag(pool.name=<default>)]")));
    }

    @Test
    void anyOtherDuplicateAndMicrometersOtherWarningsStillGetThrough() {
        assertTrue(filter.isLoggable(duplicate("gaia.sessions.active", "[]")));
        assertTrue(filter.isLoggable(duplicate("netty.eventexecutor.workers.extra", "[]")));
        assertTrue(filter.isLoggable(micrometer("A MeterFilter is being configured after a Meter has been registered")));
        LogRecord elsewhere = new LogRecord(Level.WARNING, "This Gauge has been already registered "
                + "(MeterId{name='netty.eventexecutor.workers', tags=[]})");
        elsewhere.setLoggerName("io.gaia.bff.observability");
        assertTrue(filter.isLoggable(elsewhere));
    }

    /** Micrometer's own words, as 1.16 logs them. */
    private static LogRecord duplicate(String name, String tags) {
        return micrometer("This Gauge has been already registered (MeterId{name='" + name + "', tags=" + tags
                + "}), the registration will be ignored. Note that subsequent logs will be logged at debug level.");
    }

    private static LogRecord micrometer(String message) {
        LogRecord record = new LogRecord(Level.WARNING, message);
        record.setLoggerName("io.micrometer.core.instrument.MeterRegistry");
        return record;
    }
}
