package io.gaia.bff.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.gaia.bff.abuse.ClientAddresses;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Abuse limits. Counted in the session store (memory or Redis), so with a shared store they hold
 * across replicas. Each limit is a count per window: a minute unless RATE_LIMIT_WINDOW_SECONDS says
 * otherwise (the *_PER_MINUTE names assume the default). The problems check() reports name the
 * environment variable an operator sets.
 */
@ConfigMapping(prefix = "rate-limit")
public interface RateLimitConfig extends CheckedSettings {

    /** Login attempts per client address per window, whatever their outcome: guessing keys costs time. */
    @WithDefault("10")
    int loginAttempts();

    /** Asks per session per window, over /ask, /ask/stream and the WebSocket together: each costs Gaia an LLM call. */
    @WithDefault("60")
    int asks();

    /** Seconds the counts run over; may be fractional. */
    @WithDefault("60")
    double window();

    /**
     * Addresses (IPs or CIDR ranges) of the reverse proxies in front of the service. Only a request
     * whose direct peer is one of them has its X-Forwarded-For read; unset, nobody is trusted and the
     * peer address is the client.
     */
    Optional<List<String>> trustedProxies();

    default Duration windowDuration() {
        return Seconds.toDuration(window());
    }

    @Override
    default void check(SettingProblems problems) {
        problems.positive("login-attempts", "RATE_LIMIT_LOGIN_PER_MINUTE", loginAttempts());
        problems.positive("asks", "RATE_LIMIT_ASKS_PER_MINUTE", asks());
        problems.positiveSeconds("window", "RATE_LIMIT_WINDOW_SECONDS", window());
        problems.require(trustedProxies().orElse(List.of()).stream().allMatch(ClientAddresses::isAddressOrRange),
                "trusted-proxies",
                "(TRUSTED_PROXIES) must list IP addresses or CIDR ranges, like 10.0.0.0/8,192.168.1.7 (no host names)");
    }
}
