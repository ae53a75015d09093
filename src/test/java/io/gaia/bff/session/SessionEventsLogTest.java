package io.gaia.bff.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.LogCapture;
import io.gaia.bff.support.MovableClock;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every session lifecycle event (created, expired idle and absolute, logout, revoked by Gaia and by
 * an operator, rejected ids, evicted, refused, purged) leaves a structured line in the log naming the
 * session only by its salted hash; the log is captured at DEBUG and never holds a session id, an API
 * key or the operator token.
 */
@QuarkusTest
@TestProfile(SessionEventsLogTest.CapturedLog.class)
class SessionEventsLogTest {

    static final LogCapture LOG = LogCapture.named("session-events");
    static final String KEY = "sk-events-7d1f0c2a9b4e-SECRET";
    static final String ADMIN_TOKEN = "events-admin-token-8c2e4f6a0b1d3e5f";

    public static class CapturedLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(LOG.config("DEBUG"));
            config.putAll(Map.ofEntries(
                    Map.entry("session.max-per-key", "2"),
                    Map.entry("session.per-key-overflow", "evict-oldest"),
                    Map.entry("session.log-salt", "salt-for-the-events-test"),
                    // The test purges when it wants to; a scheduled purge would race its expiry checks.
                    Map.entry("session.reaper-interval", "1h"),
                    Map.entry("admin.token", ADMIN_TOKEN)));
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

    /** Every session id any test saw; none may ever appear in the log. */
    static final Set<String> SESSION_IDS = ConcurrentHashMap.newKeySet();

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    SessionEvents events;

    @Inject
    SessionService sessions;

    MovableClock clock;

    @BeforeEach
    void setUp() {
        gaia.reset();
        gaia.acceptApiKey(KEY);
        sessions.revokeAll().await().indefinitely();
        clock = new MovableClock();
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @AfterEach
    void noSecretInTheLog() {
        String log = read();
        assertFalse(log.contains(KEY), "the log holds the API key");
        assertFalse(log.contains(ADMIN_TOKEN), "the log holds the operator token");
        for (String id : SESSION_IDS) {
            assertFalse(log.contains(id), "the log holds a session id");
        }
        assertTrue(log.contains("DEBUG"), "the log was captured at DEBUG");
    }

    @Test
    void created() {
        String session = login();
        awaitLine("session_event=created session=" + hash(session) + " key=" + keyId() + " ");
    }

    @Test
    void expiredAfterInactivity() {
        String session = login();
        clock.advance(Duration.ofMinutes(31));
        Api.as(session).get("/api/v1/session").then().statusCode(401);
        awaitLine("session_event=expired session=" + hash(session) + " key=" + keyId() + " reason=idle");
    }

    @Test
    void expiredAtTheAbsoluteLifetime() {
        String session = login();
        clock.advance(Duration.ofMinutes(20));
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
        clock.advance(Duration.ofMinutes(20));
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
        clock.advance(Duration.ofMinutes(20));
        Api.as(session).get("/api/v1/session").then().statusCode(401);
        awaitLine("session_event=expired session=" + hash(session) + " key=" + keyId() + " reason=absolute");
    }

    @Test
    void logout() {
        String session = login();
        Api.logout(session).then().statusCode(204);
        awaitLine("session_event=logout session=" + hash(session) + " key=" + keyId());
    }

    @Test
    void revokedBecauseGaiaRejectsTheKey() {
        String session = login();
        gaia.acceptApiKey("the-key-was-rotated");
        Api.as(session).get("/api/v1/datasets?prefix=revoked").then().statusCode(401);
        awaitLine("session_event=revoked session=" + hash(session) + " key=" + keyId() + " reason=gaia_rejected_key");
    }

    @Test
    void revokedByTheOperator() {
        login();
        login();
        given().header("Authorization", "Bearer " + ADMIN_TOKEN).queryParam("key", keyId())
                .delete("/admin/sessions").then().statusCode(200);
        awaitLine("session_event=revoked sessions=2 scope=key:" + keyId() + " reason=admin");
    }

    @Test
    void rejectedIds() {
        String unknown = SessionIds.newId();
        SESSION_IDS.add(unknown);
        Api.as(unknown).get("/api/v1/session").then().statusCode(401);
        awaitLine("session_event=rejected session=" + hash(unknown) + " reason=unknown");
        // A malformed id is not even hashed: it may be anything, a pasted API key included.
        Api.as(KEY).get("/api/v1/session").then().statusCode(401);
        awaitLine(Pattern.compile("session_event=rejected reason=malformed$"));
    }

    @Test
    void evictedByTheKeysCap() {
        String oldest = login();
        login();
        String third = login();
        awaitLine("session_event=evicted session=" + hash(oldest) + " key=" + keyId() + " reason=per_key_limit");
        awaitLine("session_event=created session=" + hash(third) + " key=" + keyId() + " ");
    }

    @Test
    void purgedByTheReaper() {
        login();
        clock.advance(Duration.ofMinutes(61));
        sessions.purgeExpired().await().indefinitely();
        awaitLine(Pattern.compile("session_event=purged sessions=[1-9][0-9]* reason=expired$"));
    }

    private String login() {
        String session = Api.login(KEY);
        SESSION_IDS.add(session);
        return session;
    }

    private String hash(String sessionId) {
        return events.hash(sessionId);
    }

    private static String keyId() {
        return SessionIds.keyId(KEY);
    }

    private static void awaitLine(String fragment) {
        awaitLine(Pattern.compile(Pattern.quote(fragment)));
    }

    /** Waits for a log line matching; the file handler may lag the request by a moment. */
    private static void awaitLine(Pattern line) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            String log = read();
            if (log.lines().anyMatch(l -> line.matcher(l).find())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("no log line matching " + line + " in:\n" + log.lines()
                        .filter(l -> l.contains("session_event")).reduce("", (a, b) -> a + b + "\n"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static String read() {
        return LOG.read();
    }
}
