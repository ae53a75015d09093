package io.gaia.bff.session;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Sessions in this instance's memory: fine for one replica; they are lost on restart. */
@ApplicationScoped
public class InMemorySessionStore implements SessionStore {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public void save(Session session) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public boolean delete(String id) {
        return sessions.remove(id) != null;
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(session -> session.isExpiredAt(now));
        return Math.max(0, before - sessions.size());
    }

    @Override
    public int size() {
        return sessions.size();
    }
}
