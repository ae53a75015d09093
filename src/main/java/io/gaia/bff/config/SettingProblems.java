package io.gaia.bff.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.gaia.bff.gaia.UpstreamText;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;

/** What one group of settings found wrong, each problem naming the property and the variable an operator set. */
public final class SettingProblems {

    private final String prefix;
    private final List<ConfigValidationException.Problem> found = new ArrayList<>();

    SettingProblems(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Records {@code message} for the property {@code name} (relative to the group's prefix) unless
     * {@code valid}. The message starts with the environment variable, in parentheses.
     */
    public void require(boolean valid, String name, String message) {
        if (!valid) {
            found.add(new ConfigValidationException.Problem(prefix + "." + name + " " + message));
        }
    }

    /** A number of seconds, fractions allowed, above zero. */
    public void positiveSeconds(String name, String variable, double seconds) {
        require(seconds > 0, name, "(" + variable + ") must be a positive number of seconds");
    }

    /**
     * A value sent in, or compared with, an HTTP header ({@link HeaderSetting}) must be printable ASCII:
     * nothing else travels in a header as it is.
     */
    public void headerValue(String name, String variable, Optional<String> value) {
        require(value.map(v -> v.matches(UpstreamText.PRINTABLE_ASCII)).orElse(true), name,
                "(" + variable + ") must be printable ASCII: it is sent in an HTTP header");
    }

    /**
     * The http:// or https:// address of a server this service calls, as {@link ServerAddress} reads
     * it; {@code shape} says what it should look like ("an http:// or https:// URL such as ...").
     */
    public void httpUrl(String name, String variable, String url, String shape) {
        String problem = ServerAddress.problemWithHttpUrl(url, shape);
        require(problem == null, name, "(" + variable + ") must " + problem);
    }

    /** A count above zero. */
    public void positive(String name, String variable, long count) {
        require(count > 0, name, "(" + variable + ") must be a positive number");
    }

    /**
     * How often a scheduled task runs: a duration such as 30s, 5m or PT1H, at least a second, or "off" where
     * {@code offAllowed}. Checked here because the scheduler would stop the start with a stack trace
     * naming only its own expression.
     */
    public void interval(String name, String variable, String value, boolean offAllowed) {
        if (offAllowed && value.equalsIgnoreCase("off")) {
            return;
        }
        Duration interval;
        try {
            interval = DurationConverter.parseDuration(value);
        } catch (RuntimeException e) {
            interval = null;
        }
        // The scheduler runs nothing more often than once a second: it warns and runs every second instead.
        require(interval != null && interval.compareTo(Duration.ofSeconds(1)) >= 0, name,
                "(" + variable + ") must be a duration of at least 1s, such as 30s or 5m" + (offAllowed ? ", or off" : ""));
    }

    List<ConfigValidationException.Problem> found() {
        return found;
    }
}
