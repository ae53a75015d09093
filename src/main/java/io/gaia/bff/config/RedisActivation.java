package io.gaia.bff.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns the Redis client on only for the Redis session store: {@code quarkus.redis.active} follows
 * SESSION_STORE, so with the memory store no Redis client is created, nothing connects to Redis and
 * no {@code quarkus.redis.hosts} is needed. An explicit QUARKUS_REDIS_ACTIVE still wins (this source
 * sits below the environment, .env and application.yaml).
 */
public class RedisActivation implements ConfigSourceFactory {

    static final String ACTIVE = "quarkus.redis.active";
    private static final int ORDINAL = 110;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean redis;
        try {
            ConfigValue store = context.getValue("session.store");
            redis = store != null && store.getValue() != null
                    && store.getValue().strip().toLowerCase(Locale.ROOT).equals("redis");
        } catch (IllegalArgumentException unreadable) {
            // SESSION_STORE=postgres: UnreadableSettings refuses it, and SessionConfig reports it as the start stops.
            redis = false;
        }
        return List.of(new PropertiesConfigSource(Map.of(ACTIVE, String.valueOf(redis)), "session-store-redis-activation", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
