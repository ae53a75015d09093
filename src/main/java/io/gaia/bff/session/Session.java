package io.gaia.bff.session;

import java.time.Duration;
import java.time.Instant;

/**
 * A logged-in browser: the Gaia key it logged in with, kept only on the server. {@code keyId} is a
 * hash of the key, safe to use as a cache key or in logs.
 */
public record Session(String id, String apiKey, String keyId, Instant createdAt, Instant expiresAt) {

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public long secondsLeftAt(Instant now) {
        return Math.max(0, Duration.between(now, expiresAt).toSeconds());
    }

    /** Never prints the id or the key: records would, and sessions end up in log statements. */
    @Override
    public String toString() {
        return "Session[key=" + keyId + ", expiresAt=" + expiresAt + "]";
    }
}
