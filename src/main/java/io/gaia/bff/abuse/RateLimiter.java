package io.gaia.bff.abuse;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gaia.bff.config.RateLimitConfig;
import io.gaia.bff.config.Seconds;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.gaia.bff.session.Session;
import io.gaia.bff.session.SessionIds;
import io.gaia.bff.session.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * The service's own rate limits, as fixed windows counted in the session store. Bucket names hold a
 * client address or a fingerprint of the session id, never a session id or a key: with Redis they are
 * visible to anyone who can list its keys.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    private final SessionStore store;
    private final int loginAttempts;
    private final int asks;
    private final Duration window;

    public RateLimiter(SessionStore store, RateLimitConfig config) {
        this.store = store;
        this.loginAttempts = config.loginAttempts();
        this.asks = config.asks();
        this.window = config.windowDuration();
    }

    /** Counts a login attempt from this client address; fails with RATE_LIMITED beyond the limit. */
    public Uni<Void> loginAttempt(String clientAddress) {
        return count("login:" + clientAddress, loginAttempts, "login attempts from one address");
    }

    /** Counts an ask (HTTP, stream or WebSocket) of this session; fails with RATE_LIMITED beyond the limit. */
    public Uni<Void> ask(Session session) {
        // Unsalted, so every replica counts the same bucket (each may have its own log salt).
        return count("ask:" + SessionIds.fingerprint(session.id()), asks, "questions per session");
    }

    private Uni<Void> count(String bucket, int limit, String what) {
        return store.hit(bucket, window).invoke(hit -> {
            if (hit.count() <= limit) {
                return;
            }
            long retryAfter = Math.max(1, (hit.resetsIn().toMillis() + 999) / 1000);
            if (hit.count() == limit + 1L) {
                // Once per window and bucket: a client hammering away must not flood the log too.
                LOG.infof("Rate limit reached: %s (bucket %s) for the next %d s", what, bucket, retryAfter);
            }
            throw new ApiException(ErrorCode.RATE_LIMITED, 429,
                    "This service allows " + limit + " " + what + " per " + Seconds.describe(window)
                            + "; try again in " + retryAfter + " s. This is the service's own limit, not Gaia's.",
                    Map.of("Retry-After", String.valueOf(retryAfter)), null);
        }).replaceWithVoid();
    }
}
