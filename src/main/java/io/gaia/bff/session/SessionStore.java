package io.gaia.bff.session;

import java.time.Instant;
import java.util.Optional;

/** Where sessions live. The in-memory store is the default; a shared store can replace it. */
public interface SessionStore {

    void save(Session session);

    /** The session with this id, expired or not (callers decide what expiry means). */
    Optional<Session> find(String id);

    /** Removes exactly this session; true if it existed. */
    boolean delete(String id);

    /** Removes every session expired at {@code now}; returns how many. */
    int purgeExpired(Instant now);

    /** How many sessions are stored, expired ones not yet purged included. */
    int size();
}
