package io.gaia.bff.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on streamed answers (SSE and WebSocket). Seconds are numbers like REQUEST_TIMEOUT_SECONDS,
 * so 0.5 is half a second. The problems check() reports name the environment variable an operator sets.
 */
@ConfigMapping(prefix = "stream")
public interface StreamConfig extends CheckedSettings {

    /** Seconds of quiet on an open stream after which a comment line is sent to keep proxies from closing it. */
    @WithDefault("15")
    double heartbeat();

    /** Seconds Gaia may stay silent in the middle of an answer before the stream ends with GAIA_TIMEOUT. */
    @WithDefault("60")
    double idleTimeout();

    /** Seconds a whole answer may take before the stream ends with GAIA_TIMEOUT, however lively it is. */
    @WithDefault("600")
    double maxDuration();

    /**
     * Streams open at once on this instance, over SSE and WebSocket together; each holds one
     * connection to Gaia. One more gets a 503 with Retry-After.
     */
    @WithDefault("1000")
    int maxConcurrent();

    default Duration heartbeatDuration() {
        return Seconds.toDuration(heartbeat());
    }

    default Duration idleTimeoutDuration() {
        return Seconds.toDuration(idleTimeout());
    }

    default Duration maxDurationDuration() {
        return Seconds.toDuration(maxDuration());
    }

    @Override
    default void check(SettingProblems problems) {
        problems.positiveSeconds("heartbeat", "STREAM_HEARTBEAT_SECONDS", heartbeat());
        problems.positiveSeconds("idle-timeout", "STREAM_IDLE_TIMEOUT_SECONDS", idleTimeout());
        problems.positiveSeconds("max-duration", "STREAM_MAX_DURATION_SECONDS", maxDuration());
        problems.positive("max-concurrent", "STREAM_MAX_CONCURRENT", maxConcurrent());
    }
}
