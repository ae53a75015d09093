package io.gaia.bff.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.ConfigProvider;

import io.gaia.bff.config.SessionConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The one {@link SessionStore} the service uses, chosen by SESSION_STORE. Only the chosen store is
 * ever created: with the memory store no Redis client exists at all ({@code quarkus.redis.active}
 * follows SESSION_STORE, see {@code RedisActivation}).
 */
@ApplicationScoped
public class SessionStores {

    @Produces
    @ApplicationScoped
    SessionStore sessionStore(SessionConfig config, Instance<InMemorySessionStore> memory, Instance<RedisSessionStore> redis) {
        return config.store() == SessionConfig.Store.REDIS ? redis.get() : memory.get();
    }

    /**
     * Refuses to start with the Redis store and no Redis address or no usable SESSION_ENCRYPTION_KEY
     * (a malformed key stops startup whatever the store: a typo should not wait for the day Redis is
     * switched on). Redis itself need not answer yet: readiness reports it.
     */
    void checkSettings(@Observes StartupEvent event, SessionConfig config) {
        boolean redis = config.store() == SessionConfig.Store.REDIS;
        if (redis && !configured("quarkus.redis.hosts") && !configured("quarkus.redis.hosts-provider-name")) {
            throw new ConfigurationException("QUARKUS_REDIS_HOSTS is required with SESSION_STORE=redis, "
                    + "e.g. redis://redis:6379 (rediss:// for TLS; a password as redis://:password@host:6379)");
        }
        if (redis || config.encryptionKey().filter(k -> !k.isBlank()).isPresent()) {
            try {
                SessionCipher.fromBase64(config.encryptionKey());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        }
    }

    private static boolean configured(String property) {
        return ConfigProvider.getConfig().getOptionalValue(property, String.class).filter(v -> !v.isBlank()).isPresent();
    }
}
