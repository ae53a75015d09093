package io.gaia.bff.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A logged-in browser: the Gaia key it logged in with, kept only on the server. {@code keyId} is a
 * hash of the key, safe to use as a cache key or in logs. A session ends at {@code idleExpiresAt}
 * (moved on by activity, never past the absolute end) or at {@code absoluteExpiresAt}, whichever
 * comes first.
 */
public record Session(String id, String apiKey, String keyId, Instant createdAt, Instant lastActiveAt,
        Instant idleExpiresAt, Instant absoluteExpiresAt) {

    /** Why a session is over. */
    public enum Expiry {
        IDLE, ABSOLUTE
    }

    public static Session start(String id, String apiKey, Instant now, Duration idle, Duration ttl) {
        Instant absolute = now.plus(ttl);
        return new Session(id, apiKey, SessionIds.keyId(apiKey), now, now, earlier(now.plus(idle), absolute), absolute);
    }

    public Optional<Expiry> expiryAt(Instant now) {
        if (!now.isBefore(absoluteExpiresAt)) {
            return Optional.of(Expiry.ABSOLUTE);
        }
        if (!now.isBefore(idleExpiresAt)) {
            return Optional.of(Expiry.IDLE);
        }
        return Optional.empty();
    }

    public boolean isExpiredAt(Instant now) {
        return expiryAt(now).isPresent();
    }

    /** When the session ends if nothing more happens. */
    public Instant expiresAt() {
        return earlier(idleExpiresAt, absoluteExpiresAt);
    }

    /** The same session after activity at {@code now}: the idle end moves, the absolute end never. */
    public Session activeAt(Instant now, Duration idle) {
        return new Session(id, apiKey, keyId, createdAt, now, earlier(now.plus(idle), absoluteExpiresAt), absoluteExpiresAt);
    }

    public long secondsLeftAt(Instant now) {
        return Math.max(0, Duration.between(now, expiresAt()).toSeconds());
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Never prints the id or the key: records would, and sessions end up in log statements. */
    @Override
    public String toString() {
        return "Session[key=" + keyId + ", expiresAt=" + expiresAt() + "]";
    }
}
