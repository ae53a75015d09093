package io.gaia.bff.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Session rules (OWASP Session Management): an idle timeout that activity slides, an absolute
 * lifetime that nothing extends, and caps that keep memory bounded whatever clients do.
 */
@ConfigMapping(prefix = "session")
public interface SessionConfig extends CheckedSettings {

    /** Where sessions live: this instance's memory (one replica) or Redis (any number of replicas). */
    enum Store {
        MEMORY, REDIS
    }

    /** What a login beyond SESSION_MAX_PER_KEY does. */
    enum PerKeyOverflow {
        /** The key's oldest session is ended to make room. */
        EVICT_OLDEST,
        /** The login is refused with 429. */
        REFUSE
    }

    /** Seconds without a request after which a session ends; each request starts them again. */
    @WithDefault("1800")
    long idleSeconds();

    /** Seconds from login after which a session ends however active it is (SESSION_TTL_SECONDS). */
    @WithDefault("3600")
    long ttlSeconds();

    /** Live sessions on the whole service; a login beyond it gets 503 TOO_MANY_SESSIONS. */
    @WithDefault("100000")
    int maxTotal();

    /** Live sessions per API key. */
    @WithDefault("20")
    int maxPerKey();

    @WithDefault("evict-oldest")
    PerKeyOverflow perKeyOverflow();

    /** SESSION_STORE; with redis, Redis is found through the standard QUARKUS_REDIS_HOSTS (quarkus.redis.hosts). */
    @WithDefault("memory")
    Store store();

    /** QUARKUS_REDIS_HOSTS as written, comma-separated; the Redis client reads it itself. */
    Optional<String> redisHosts();

    /**
     * Base64 of 32 random bytes (SESSION_ENCRYPTION_KEY): the AES-256-GCM key the Redis store seals
     * every Gaia key with. Required with the Redis store; give every replica the same value.
     */
    Optional<String> encryptionKey();

    /**
     * Seconds one call to a remote session store may take (SESSION_STORE_TIMEOUT_SECONDS); past it the
     * request gets 503 SESSION_STORE_UNAVAILABLE instead of hanging with the store.
     */
    @WithDefault("1")
    double storeTimeout();

    /**
     * Salt for the session hashes in logs, so log readers cannot test guesses against them. Give all
     * replicas the same value to follow one session across them; unset, each process picks its own.
     */
    Optional<String> logSalt();

    /** How often expired sessions are purged from memory. */
    @WithDefault("60s")
    String reaperInterval();

    /** With the Redis store, how often the sessions held by this replica's streams are looked up (SessionsEndedElsewhere). */
    @WithDefault("15s")
    String endedElsewhereCheck();

    default Duration idle() {
        return Duration.ofSeconds(idleSeconds());
    }

    default Duration ttl() {
        return Duration.ofSeconds(ttlSeconds());
    }

    default Duration storeTimeoutDuration() {
        return Seconds.toDuration(storeTimeout());
    }

    @Override
    default void check(SettingProblems problems) {
        problems.positiveSeconds("idle-seconds", "SESSION_IDLE_SECONDS", idleSeconds());
        problems.positiveSeconds("ttl-seconds", "SESSION_TTL_SECONDS", ttlSeconds());
        problems.positive("max-total", "SESSION_MAX_TOTAL", maxTotal());
        problems.positive("max-per-key", "SESSION_MAX_PER_KEY", maxPerKey());
        problems.positiveSeconds("store-timeout", "SESSION_STORE_TIMEOUT_SECONDS", storeTimeout());
        if (store() == Store.REDIS) {
            List<URI> hosts = redisHosts().stream().flatMap(list -> Arrays.stream(list.split(",")))
                    .map(entry -> ServerAddress.parse(entry.strip())).toList();
            problems.require(hosts.stream().allMatch(SessionConfig::isRedisUrl), "redis-hosts",
                    "(QUARKUS_REDIS_HOSTS) must be Redis URLs such as redis://redis:6379 (rediss:// for TLS; "
                            + "a password as redis://:password@host:6379)");
            problems.require(hosts.stream().filter(SessionConfig::isRedisUrl).allMatch(SessionConfig::hasHostAndPort),
                    "redis-hosts", "(QUARKUS_REDIS_HOSTS) must " + ServerAddress.HOST_AND_PORT);
        }
    }

    private static boolean isRedisUrl(URI url) {
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "redis", "rediss" -> url.getRawAuthority() != null;
            case "unix" -> url.getPath() != null && !url.getPath().isEmpty();
            default -> false;
        };
    }

    private static boolean hasHostAndPort(URI url) {
        return "unix".equalsIgnoreCase(url.getScheme()) || ServerAddress.hasHostAndPort(url);
    }
}
