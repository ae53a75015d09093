package io.gaia.bff.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.gaia.bff.session.InMemorySessionStore;
import io.gaia.bff.session.Session;
import io.gaia.bff.session.SessionIds;
import io.smallrye.mutiny.Uni;

/** The counting itself: what is counted under which name, and what the client is told. */
class RateLimiterTest {

    private static final String KEY = "secret-gaia-key";

    private final List<String> buckets = new CopyOnWriteArrayList<>();
    private final InMemorySessionStore store = new InMemorySessionStore() {
        @Override
        public Uni<WindowCount> hit(String bucket, Duration window) {
            buckets.add(bucket);
            return super.hit(bucket, window);
        }
    };

    private RateLimiter limiter(int loginAttempts, int asks, double windowSeconds) {
        return new RateLimiter(store, new RateLimits(loginAttempts, asks, windowSeconds, Optional.empty()));
    }

    private static Session newSession() {
        return Session.start(SessionIds.newId(), KEY, Instant.now(), Duration.ofMinutes(30), Duration.ofHours(1));
    }

    @Test
    void bucketsNameTheAddressOrAFingerprintOfTheSessionNeverItsIdOrKey() {
        Session session = newSession();
        RateLimiter limiter = limiter(10, 10, 60);
        limiter.loginAttempt("203.0.113.5").await().indefinitely();
        limiter.ask(session).await().indefinitely();
        assertEquals(List.of("login:203.0.113.5", "ask:" + SessionIds.fingerprint(session.id())), buckets);
        for (String bucket : buckets) {
            assertFalse(bucket.contains(session.id()), bucket);
            assertFalse(bucket.contains(KEY), bucket);
            assertFalse(bucket.contains(session.keyId()), bucket);
        }
    }

    @Test
    void theAttemptOverTheLimitIsRateLimitedWithRetryAfterAndSaysTheLimitIsOurs() {
        RateLimiter limiter = limiter(2, 10, 60);
        limiter.loginAttempt("203.0.113.6").await().indefinitely();
        limiter.loginAttempt("203.0.113.6").await().indefinitely();
        ApiException limited = assertThrows(ApiException.class, () -> limiter.loginAttempt("203.0.113.6").await().indefinitely());
        assertEquals(ErrorCode.RATE_LIMITED, limited.code());
        assertEquals(429, limited.status());
        long retryAfter = Long.parseLong(limited.headers().get("Retry-After"));
        assertTrue(retryAfter >= 59 && retryAfter <= 60, "seconds until the window resets: " + retryAfter);
        assertTrue(limited.getMessage().contains("service's own limit, not Gaia's"), limited.getMessage());
        assertTrue(limited.getMessage().contains("2 login attempts"), limited.getMessage());
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        // Under a second, so Retry-After must round up; long enough that a loaded machine stays inside it.
        RateLimiter limiter = limiter(1, 10, 0.9);
        limiter.loginAttempt("203.0.113.7").await().indefinitely();
        ApiException limited = assertThrows(ApiException.class, () -> limiter.loginAttempt("203.0.113.7").await().indefinitely());
        assertEquals("1", limited.headers().get("Retry-After"));
    }

    @Test
    void theCountStartsAgainInTheNextWindow() throws InterruptedException {
        RateLimiter limiter = limiter(10, 1, 1);
        Session session = newSession();
        limiter.ask(session).await().indefinitely();
        assertThrows(ApiException.class, () -> limiter.ask(session).await().indefinitely());
        Thread.sleep(1200);
        limiter.ask(session).await().indefinitely();
    }

    @Test
    void eachSessionAndEachAddressHasItsOwnCount() {
        RateLimiter limiter = limiter(1, 1, 60);
        Session first = newSession();
        limiter.ask(first).await().indefinitely();
        assertThrows(ApiException.class, () -> limiter.ask(first).await().indefinitely());
        limiter.ask(newSession()).await().indefinitely();
        limiter.loginAttempt("203.0.113.8").await().indefinitely();
        assertThrows(ApiException.class, () -> limiter.loginAttempt("203.0.113.8").await().indefinitely());
        limiter.loginAttempt("203.0.113.9").await().indefinitely();
    }
}
