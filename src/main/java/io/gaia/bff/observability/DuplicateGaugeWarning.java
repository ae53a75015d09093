package io.gaia.bff.observability;

import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Drops Micrometer's WARN "This Gauge has been already registered" for the two gauges that framework
 * binders register twice under one name at every start: netty.eventexecutor.workers (Quarkus's Netty
 * binder, once per event loop group: quarkusio/quarkus#52014) and redis.pool.queue.size (the Redis
 * client's pool metrics). Micrometer keeps the first copy, which /q/metrics shows; the line only sends
 * a platform engineer looking for a fault that is not there. The warning about any other gauge, ours
 * included, still gets through.
 */
final class DuplicateGaugeWarning implements Filter {

    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
    private static final String DUPLICATE = "This Gauge has been already registered";
    private static final Set<String> REGISTERED_TWICE = Set.of("netty.eventexecutor.workers", "redis.pool.queue.size");
    private static final SimpleFormatter MESSAGE = new SimpleFormatter();

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!MICROMETER.equals(record.getLoggerName()) || record.getMessage() == null) {
            return true;
        }
        String message = MESSAGE.formatMessage(record);
        return !message.startsWith(DUPLICATE)
                || REGISTERED_TWICE.stream().noneMatch(name -> message.contains("name='" + name + "'"));
    }
}
