package io.gaia.bff.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Where sessions and the abuse counters live: this instance's memory, or Redis so that every
 * replica sees the same sessions and limits. Every operation is asynchronous because a remote store
 * must never block the event loop. A store that cannot be reached fails its Uni with
 * {@link SessionStoreUnavailableException}.
 */
public interface SessionStore {

    /** What became of a new session. */
    record Created(boolean stored, Refusal refusal, List<Session> evicted) {

        public enum Refusal {
            /** The service holds its maximum of live sessions. */
            TOTAL,
            /** The key holds its maximum and the overflow policy is to refuse. */
            PER_KEY
        }

        public static Created stored(List<Session> evicted) {
            return new Created(true, null, List.copyOf(evicted));
        }

        public static Created refused(Refusal why) {
            return new Created(false, why, List.of());
        }
    }

    /** The limits {@link #create} enforces, atomically with storing the session. */
    record Caps(int maxTotal, int maxPerKey, boolean evictOldestOfKey) {
    }

    /**
     * Stores a new session unless a cap forbids it. Sessions expired at {@code now} do not count
     * against the caps. With {@code evictOldestOfKey} the key's oldest sessions make room.
     */
    Uni<Created> create(Session session, Caps caps, Instant now);

    /** The session with this id, expired or not (callers decide what expiry means). */
    Uni<Optional<Session>> find(String id);

    /** Records activity: replaces the stored session's last-active and idle-expiry times. */
    Uni<Void> touch(Session session);

    /** Removes exactly this session; true if it existed. */
    Uni<Boolean> delete(String id);

    /** Removes every session of the key with this id ({@link SessionIds#keyId}); returns how many. */
    Uni<Integer> deleteByKey(String keyId);

    /** Removes every session; returns how many. */
    Uni<Integer> deleteAll();

    /** Removes sessions expired at {@code now} (a store with its own expiry may do nothing); returns how many. */
    Uni<Integer> purgeExpired(Instant now);

    /** How many sessions are stored, expired ones not yet purged included. */
    Uni<Long> count();

    /** Succeeds when the store answers (readiness). */
    Uni<Void> ping();

    /** A fixed-window counter's state after one more hit. */
    record WindowCount(long count, Duration resetsIn) {
    }

    /** Counts one hit in the current window of {@code bucket} (a rate limit); windows start at the first hit. */
    Uni<WindowCount> hit(String bucket, Duration window);
}
