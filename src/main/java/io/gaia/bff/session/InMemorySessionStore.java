package io.gaia.bff.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import io.smallrye.mutiny.Uni;

/**
 * Sessions in this instance's memory: fine for one replica; they are lost on restart. Lookups are
 * lock-free; creating and deleting take one lock so the caps hold exactly. Not a {@link SessionStore}
 * bean by itself: {@link SessionStores} hands it out when SESSION_STORE=memory.
 */
@ApplicationScoped
@Typed(InMemorySessionStore.class)
public class InMemorySessionStore implements SessionStore {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Session ids per key id, oldest first; guarded by {@code this}. */
    private final Map<String, Set<String>> byKey = new HashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Override
    public Uni<Created> create(Session session, Caps caps, Instant now) {
        return Uni.createFrom().item(() -> createNow(session, caps, now));
    }

    private synchronized Created createNow(Session session, Caps caps, Instant now) {
        List<Session> ofKey = new ArrayList<>();
        for (String id : byKey.getOrDefault(session.keyId(), Set.of())) {
            Session existing = sessions.get(id);
            if (existing != null && !existing.isExpiredAt(now)) {
                ofKey.add(existing);
            }
        }
        List<Session> evicted = new ArrayList<>();
        if (ofKey.size() >= caps.maxPerKey()) {
            if (!caps.evictOldestOfKey()) {
                return Created.refused(Created.Refusal.PER_KEY);
            }
            ofKey.sort(Comparator.comparing(Session::createdAt));
            evicted.addAll(ofKey.subList(0, ofKey.size() - caps.maxPerKey() + 1));
        }
        if (sessions.size() - evicted.size() >= caps.maxTotal()) {
            purgeNow(now);
            if (sessions.size() - evicted.size() >= caps.maxTotal()) {
                return Created.refused(Created.Refusal.TOTAL);
            }
        }
        evicted.forEach(old -> deleteNow(old.id()));
        sessions.put(session.id(), session);
        byKey.computeIfAbsent(session.keyId(), k -> new LinkedHashSet<>()).add(session.id());
        return Created.stored(evicted);
    }

    @Override
    public Uni<Optional<Session>> find(String id) {
        return Uni.createFrom().item(Optional.ofNullable(sessions.get(id)));
    }

    @Override
    public Uni<Void> touch(Session session) {
        sessions.computeIfPresent(session.id(), (id, stored) -> session);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Boolean> delete(String id) {
        return Uni.createFrom().item(() -> deleteNow(id));
    }

    private synchronized boolean deleteNow(String id) {
        Session removed = sessions.remove(id);
        if (removed == null) {
            return false;
        }
        Set<String> ids = byKey.get(removed.keyId());
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                byKey.remove(removed.keyId());
            }
        }
        return true;
    }

    @Override
    public Uni<Integer> deleteByKey(String keyId) {
        return Uni.createFrom().item(() -> deleteAllOf(keyId));
    }

    private synchronized int deleteAllOf(String keyId) {
        List<String> ids = new ArrayList<>(byKey.getOrDefault(keyId, Set.of()));
        ids.forEach(this::deleteNow);
        return ids.size();
    }

    @Override
    public Uni<Integer> deleteAll() {
        return Uni.createFrom().item(this::clear);
    }

    private synchronized int clear() {
        int count = sessions.size();
        sessions.clear();
        byKey.clear();
        return count;
    }

    @Override
    public Uni<Integer> purgeExpired(Instant now) {
        return Uni.createFrom().item(() -> purgeNow(now));
    }

    private synchronized int purgeNow(Instant now) {
        List<String> expired = sessions.values().stream().filter(s -> s.isExpiredAt(now)).map(Session::id).toList();
        expired.forEach(this::deleteNow);
        long nanos = System.nanoTime();
        windows.values().removeIf(window -> window.endsAt < nanos);
        return expired.size();
    }

    @Override
    public Uni<Long> count() {
        return Uni.createFrom().item((long) sessions.size());
    }

    @Override
    public Uni<Void> ping() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<WindowCount> hit(String bucket, Duration window) {
        long now = System.nanoTime();
        Window current = windows.compute(bucket, (key, existing) -> existing == null || existing.endsAt <= now
                ? new Window(now + window.toNanos(), 1)
                : new Window(existing.endsAt, existing.count + 1));
        return Uni.createFrom().item(new WindowCount(current.count, Duration.ofNanos(current.endsAt - now)));
    }

    private record Window(long endsAt, long count) {
    }
}
