package io.gaia.bff.abuse;

import java.util.List;
import java.util.Optional;

import io.gaia.bff.config.RateLimitConfig;

/** Rate-limit settings for tests that build the beans themselves. */
record RateLimits(int loginAttempts, int asks, double window, Optional<List<String>> trustedProxies)
        implements RateLimitConfig {

    static RateLimits trusting(String... proxies) {
        return new RateLimits(10, 60, 60, Optional.of(List.of(proxies)));
    }
}
