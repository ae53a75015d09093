package io.gaia.bff.session;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.MovableClock;
import io.gaia.bff.support.RedisStoreProfile;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.testing.RedisServer;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/** What the Redis store keeps in Redis, and that its rules hold when requests race. */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisSessionStoreTest {

    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration TTL = Duration.ofHours(1);

    @Inject
    SessionStore store;

    RedisServer redis;

    MovableClock clock;

    @BeforeEach
    void installClock() {
        clock = new MovableClock();
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void theRedisStoreIsTheOneInUse() {
        assertInstanceOf(RedisSessionStore.class, unwrap(store));
    }

    @Test
    void aRedisDumpHoldsNoGaiaKeyAndNoSessionId() {
        String session = Api.login(Simulator.demoKey());
        clock.advance(Duration.ofMinutes(1));
        Api.as(session).get("/api/v1/datasets").then().statusCode(200); // activity is written too

        Map<String, Object> contents = redis.contents();
        assertTrue(contents.containsKey(RedisSessionStore.SESSION_PREFIX + RedisSessionStore.storageId(session)),
                "the session is in Redis under the hash of its id: " + contents.keySet());
        contents.keySet().forEach(key -> assertTrue(key.startsWith("gaia-bff:"), "only the service's keys: " + key));
        String everything = contents.toString();
        assertFalse(everything.contains(Simulator.demoKey()), "no Gaia key in Redis");
        assertFalse(everything.contains(session), "no session id in Redis");

        String rdb = redis.rdbDump();
        assertTrue(rdb.contains(RedisSessionStore.storageId(session)), "the dump is readable (uncompressed)");
        assertFalse(rdb.contains(Simulator.demoKey()), "no Gaia key in a dump");
        assertFalse(rdb.contains(session), "no session id in a dump");
    }

    @Test
    void theGaiaKeyIsSealedWithTheConfiguredKeyForItsOwnSession() {
        String session = Api.login(Simulator.demoKey());
        String h = RedisSessionStore.storageId(session);
        String sealed = (String) redis.command("HGET", RedisSessionStore.SESSION_PREFIX + h, "api_key");
        SessionCipher cipher = SessionCipher.fromBase64(Optional.of(RedisStoreProfile.ENCRYPTION_KEY));
        assertEquals(Optional.of(Simulator.demoKey()), cipher.open(sealed, RedisSessionStore.associatedData(h, "api_key")));

        // Copied into another session, the sealed key does not open: that session is unusable, not hijacked.
        String other = Api.login(Simulator.demoKey());
        redis.command("HSET", RedisSessionStore.SESSION_PREFIX + RedisSessionStore.storageId(other), "api_key", sealed);
        Api.as(other).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void redisForgetsASessionAGraceAfterItEnds() {
        String session = Api.login(Simulator.demoKey());
        String key = RedisSessionStore.SESSION_PREFIX + RedisSessionStore.storageId(session);
        long expected = Instant.now().plus(IDLE).plus(RedisSessionStore.EXPIRED_GRACE).toEpochMilli();
        assertAbout(expected, (Long) redis.command("PEXPIRETIME", key));

        clock.advance(Duration.ofMinutes(10));
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
        assertAbout(expected + Duration.ofMinutes(10).toMillis(), (Long) redis.command("PEXPIRETIME", key));
    }

    @Test
    void perKeyCapHoldsWhenLoginsRace() {
        String apiKey = newKey();
        SessionStore.Caps caps = new SessionStore.Caps(1_000_000, 3, false);
        Instant now = clock.now();
        List<SessionStore.Created> outcomes = all(IntStream.range(0, 20)
                .mapToObj(i -> store.create(Session.start(SessionIds.newId(), apiKey, now, IDLE, TTL), caps, now)).toList());
        assertEquals(3, outcomes.stream().filter(SessionStore.Created::stored).count());
        assertTrue(outcomes.stream().filter(c -> !c.stored()).allMatch(c -> c.refusal() == SessionStore.Created.Refusal.PER_KEY));
        assertEquals(3L, redis.command("ZCARD", RedisSessionStore.KEY_PREFIX + SessionIds.keyId(apiKey)));
    }

    @Test
    void totalCapHoldsWhenLoginsRace() {
        store.deleteAll().await().indefinitely();
        SessionStore.Caps caps = new SessionStore.Caps(4, 20, true);
        Instant now = clock.now();
        List<SessionStore.Created> outcomes = all(IntStream.range(0, 12)
                .mapToObj(i -> store.create(Session.start(SessionIds.newId(), newKey(), now, IDLE, TTL), caps, now)).toList());
        assertEquals(4, outcomes.stream().filter(SessionStore.Created::stored).count());
        assertTrue(outcomes.stream().filter(c -> !c.stored()).allMatch(c -> c.refusal() == SessionStore.Created.Refusal.TOTAL));
        assertEquals(4L, store.count().await().indefinitely());
    }

    @Test
    void theKeysOldestSessionMakesRoomAndIsHandedBackWhole() {
        String apiKey = newKey();
        SessionStore.Caps caps = new SessionStore.Caps(1_000_000, 2, true);
        Instant now = clock.now();
        Session oldest = Session.start(SessionIds.newId(), apiKey, now, IDLE, TTL);
        Session middle = Session.start(SessionIds.newId(), apiKey, now.plusMillis(1), IDLE, TTL);
        Session newest = Session.start(SessionIds.newId(), apiKey, now.plusMillis(2), IDLE, TTL);
        assertTrue(store.create(oldest, caps, now).await().indefinitely().evicted().isEmpty());
        assertTrue(store.create(middle, caps, now).await().indefinitely().evicted().isEmpty());

        SessionStore.Created created = store.create(newest, caps, now).await().indefinitely();

        assertEquals(List.of(oldest), created.evicted(), "the evicted session, id and key unsealed");
        assertTrue(find(oldest.id()).isEmpty());
        assertEquals(Optional.of(middle), find(middle.id()));
        assertEquals(Optional.of(newest), find(newest.id()));
    }

    @Test
    void expiredSessionsDoNotCountAgainstTheCaps() {
        String apiKey = newKey();
        SessionStore.Caps caps = new SessionStore.Caps(1_000_000, 2, false);
        Instant now = clock.now();
        for (int i = 0; i < 2; i++) {
            assertTrue(store.create(Session.start(SessionIds.newId(), apiKey, now, IDLE, TTL), caps, now).await().indefinitely().stored());
        }
        Instant later = now.plus(Duration.ofHours(2));
        SessionStore.Created created = store.create(Session.start(SessionIds.newId(), apiKey, later, IDLE, TTL), caps, later)
                .await().indefinitely();
        assertTrue(created.stored());
        assertTrue(created.evicted().isEmpty(), "expired sessions are left to the reaper, not evicted");
    }

    @Test
    void purgeRemovesExpiredSessionsFromEveryIndex() {
        String apiKey = newKey();
        Instant now = clock.now();
        Session session = Session.start(SessionIds.newId(), apiKey, now, IDLE, TTL);
        store.create(session, new SessionStore.Caps(1_000_000, 20, true), now).await().indefinitely();
        String h = RedisSessionStore.storageId(session.id());

        assertTrue(store.purgeExpired(now.plus(Duration.ofHours(2))).await().indefinitely() >= 1);

        assertEquals(0L, redis.command("EXISTS", RedisSessionStore.SESSION_PREFIX + h));
        assertNull(redis.command("ZSCORE", RedisSessionStore.INDEX, h));
        assertNull(redis.command("ZSCORE", RedisSessionStore.KEY_PREFIX + session.keyId(), h));
    }

    @Test
    void activityDoesNotBringBackADeletedSession() {
        Instant now = clock.now();
        Session session = Session.start(SessionIds.newId(), newKey(), now, IDLE, TTL);
        store.create(session, new SessionStore.Caps(1_000_000, 20, true), now).await().indefinitely();
        assertTrue(store.delete(session.id()).await().indefinitely());

        store.touch(session.activeAt(now.plusSeconds(60), IDLE)).await().indefinitely();

        assertTrue(find(session.id()).isEmpty());
        assertEquals(0L, redis.command("EXISTS", RedisSessionStore.SESSION_PREFIX + RedisSessionStore.storageId(session.id())));
        assertFalse(store.delete(session.id()).await().indefinitely());
    }

    @Test
    void revokingAKeyEndsOnlyThatKeysSessions() {
        String revoked = newKey();
        String kept = newKey();
        Instant now = clock.now();
        SessionStore.Caps caps = new SessionStore.Caps(1_000_000, 20, true);
        List<Session> ofRevoked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Session session = Session.start(SessionIds.newId(), revoked, now, IDLE, TTL);
            store.create(session, caps, now).await().indefinitely();
            ofRevoked.add(session);
        }
        Session other = Session.start(SessionIds.newId(), kept, now, IDLE, TTL);
        store.create(other, caps, now).await().indefinitely();

        assertEquals(3, store.deleteByKey(SessionIds.keyId(revoked)).await().indefinitely());

        ofRevoked.forEach(session -> assertTrue(find(session.id()).isEmpty()));
        assertEquals(Optional.of(other), find(other.id()));
        assertEquals(0L, redis.command("EXISTS", RedisSessionStore.KEY_PREFIX + SessionIds.keyId(revoked)));
    }

    @Test
    void endingEverySessionLeavesOtherApplicationsKeysAlone() {
        redis.command("SET", "other-app:settings", "keep me");
        redis.command("HSET", "gaia-bff-other:session:x", "f", "v");
        Api.login(Simulator.demoKey());
        Api.login(Simulator.demoKey());

        assertTrue(store.deleteAll().await().indefinitely() >= 2);

        assertEquals("keep me", redis.command("GET", "other-app:settings"));
        assertEquals(1L, redis.command("EXISTS", "gaia-bff-other:session:x"));
        redis.command("DEL", "other-app:settings", "gaia-bff-other:session:x");
        assertTrue(redis.keys().stream().noneMatch(k -> k.startsWith(RedisSessionStore.SESSION_PREFIX)
                || k.startsWith(RedisSessionStore.KEY_PREFIX) || k.equals(RedisSessionStore.INDEX)), redis.keys().toString());
        assertEquals(0L, store.count().await().indefinitely());
    }

    @Test
    void hitsCountInAFixedWindowThatStartsAtTheFirstHit() throws InterruptedException {
        String bucket = "test:" + UUID.randomUUID();
        Duration window = Duration.ofMillis(400);
        assertEquals(1, store.hit(bucket, window).await().indefinitely().count());
        assertEquals(2, store.hit(bucket, window).await().indefinitely().count());
        SessionStore.WindowCount third = store.hit(bucket, window).await().indefinitely();
        assertEquals(3, third.count());
        assertTrue(third.resetsIn().compareTo(window) <= 0 && !third.resetsIn().isNegative(), third.toString());
        long ttl = (Long) redis.command("PTTL", RedisSessionStore.RATE_PREFIX + bucket);
        assertTrue(ttl > 0 && ttl <= 400, "the window is the counter's TTL, set once: " + ttl);

        Thread.sleep(500);
        assertEquals(1, store.hit(bucket, window).await().indefinitely().count(), "a new window starts");
    }

    private Optional<Session> find(String id) {
        return store.find(id).await().indefinitely();
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private static <T> List<T> all(List<Uni<T>> unis) {
        return Uni.join().all(unis).andFailFast().await().atMost(Duration.ofSeconds(20));
    }

    private static void assertAbout(long expectedMillis, long actualMillis) {
        assertTrue(Math.abs(expectedMillis - actualMillis) < 5_000,
                "expected about " + Instant.ofEpochMilli(expectedMillis) + ", was " + Instant.ofEpochMilli(actualMillis));
    }

    private static Object unwrap(Object bean) {
        return bean instanceof io.quarkus.arc.ClientProxy proxy ? proxy.arc_contextualInstance() : bean;
    }
}
