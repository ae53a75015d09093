package io.gaia.bff.config;

import java.time.Duration;

/** Settings given in (possibly fractional) seconds, as the seed service took them. */
public final class Seconds {

    private Seconds() {
    }

    public static Duration toDuration(double seconds) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /** "60 s", "0.5 s": how a limit is quoted in a message to the user. */
    public static String describe(Duration duration) {
        double seconds = duration.toMillis() / 1000.0;
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
    }
}
