package io.gaia.bff.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the WebSocket endpoint /api/v1/ws. Seconds are numbers like the stream settings, so 0.5
 * is half a second. The problems check() reports name the environment variable an operator sets.
 */
@ConfigMapping(prefix = "live")
public interface LiveConfig extends CheckedSettings {

    /** The WebSocket layer's own limit on one message (application.yaml), which this setting must stay under. */
    int MAX_MESSAGE_BYTES_CEILING = 1_048_576;

    /**
     * Seconds a new socket may stay open without a valid auth message. Bounds what an unauthenticated
     * client can hold open: a browser authenticates within milliseconds of connecting.
     */
    @WithDefault("5")
    double authTimeout();

    /**
     * Largest client message accepted, in bytes (UTF-8). Client messages are small JSON objects; the
     * largest legitimate one, an ask with an 8000-character question and 50 dataset names, is far below.
     */
    @WithDefault("65536")
    int maxMessageBytes();

    default Duration authTimeoutDuration() {
        return Seconds.toDuration(authTimeout());
    }

    @Override
    default void check(SettingProblems problems) {
        problems.positiveSeconds("auth-timeout", "WS_AUTH_TIMEOUT_SECONDS", authTimeout());
        // Above 1 MiB the WebSocket layer (quarkus.websockets-next.server.max-message-size) drops the
        // socket without a reason before this service can answer PAYLOAD_TOO_LARGE.
        problems.require(maxMessageBytes() > 0 && maxMessageBytes() <= MAX_MESSAGE_BYTES_CEILING, "max-message-bytes",
                "(WS_MAX_MESSAGE_BYTES) must be a positive number of bytes, at most " + MAX_MESSAGE_BYTES_CEILING);
    }
}
