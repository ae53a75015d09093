package io.gaia.bff.observability;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * The lines frameworks log that tell an operator nothing they can act on, kept out of the console and
 * the log file (a handler takes one filter: this one). Each kind is its own filter with its reasons.
 */
@LoggingFilter(name = FrameworkNoise.NAME)
public final class FrameworkNoise implements Filter {

    public static final String NAME = "framework-noise";

    private final List<Filter> kinds = List.of(new PeerResetFilter(), new DuplicateGaugeWarning());

    @Override
    public boolean isLoggable(LogRecord record) {
        return kinds.stream().allMatch(kind -> kind.isLoggable(record));
    }
}
