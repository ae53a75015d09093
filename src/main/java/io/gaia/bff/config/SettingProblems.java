package io.gaia.bff.config;

import java.util.ArrayList;
import java.util.List;

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

    /** A count above zero. */
    public void positive(String name, String variable, long count) {
        require(count > 0, name, "(" + variable + ") must be a positive number");
    }

    List<ConfigValidationException.Problem> found() {
        return found;
    }
}
