package io.gaia.bff.config;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Session settings; SESSION_TTL_SECONDS is the seed's name for the lifetime. */
@ConfigMapping(prefix = "session")
public interface SessionConfig {

    /** Lifetime of a session from login, in seconds. */
    @WithDefault("3600")
    @Positive(message = "(SESSION_TTL_SECONDS) must be a positive number of seconds")
    long ttlSeconds();

    /** How often expired sessions are purged from memory. */
    @WithDefault("60s")
    String reaperInterval();

    default Duration ttl() {
        return Duration.ofSeconds(ttlSeconds());
    }
}
