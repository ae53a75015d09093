package io.gaia.bff.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.oneOf;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.MovableClock;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.GaiaSamples;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * SESSION_MAX_TOTAL and SESSION_MAX_PER_KEY with the evict-oldest policy, at sizes small enough to
 * reach: the key's oldest session makes room, the service refuses with 503 when full, and expired
 * sessions neither count nor stay in memory. Against a fake Gaia that accepts any key, so several
 * keys can log in.
 */
@QuarkusTest
@TestProfile(SessionCapsTest.SmallCaps.class)
class SessionCapsTest {

    public static class SmallCaps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.max-total", "4",
                    "session.max-per-key", "2",
                    "session.per-key-overflow", "evict-oldest",
                    "session.reaper-interval", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

    static final String KEY_A = "key-a-0123456789";
    static final String KEY_B = "key-b-0123456789";
    static final String KEY_C = "key-c-0123456789";

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    SessionService sessions;

    MovableClock clock;

    @BeforeEach
    void startEmpty() {
        gaia.reset();
        gaia.on("GET", "/datasets").respond(200, GaiaSamples.datasets(null));
        sessions.revokeAll().await().indefinitely();
        clock = new MovableClock();
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void aKeysOldestSessionIsEvictedToMakeRoom() {
        String first = Api.login(KEY_A);
        String second = Api.login(KEY_A);
        String third = Api.login(KEY_A);
        assertEnded(first);
        assertAlive(second);
        assertAlive(third);

        String fourth = Api.login(KEY_A);
        assertEnded(second);
        assertAlive(third);
        assertAlive(fourth);
    }

    @Test
    void evictionNeverTouchesAnotherKeysSessions() {
        String a1 = Api.login(KEY_A);
        String b1 = Api.login(KEY_B);
        String a2 = Api.login(KEY_A);
        String a3 = Api.login(KEY_A);
        assertEnded(a1);
        assertAlive(b1);
        assertAlive(a2);
        assertAlive(a3);
    }

    @Test
    void aFullServiceRefusesLoginsWith503AndRetryAfter() {
        List<String> live = List.of(Api.login(KEY_A), Api.login(KEY_A), Api.login(KEY_B), Api.login(KEY_B));
        given().contentType(ContentType.JSON).body(Map.of("api_key", KEY_C)).post("/api/v1/login")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("TOO_MANY_SESSIONS"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        live.forEach(SessionCapsTest::assertAlive);
    }

    @Test
    void aKeyAtItsCapStillLogsInOnAFullServiceByEndingItsOwnOldest() {
        String a1 = Api.login(KEY_A);
        String a2 = Api.login(KEY_A);
        String b1 = Api.login(KEY_B);
        String b2 = Api.login(KEY_B);
        String a3 = Api.login(KEY_A);
        assertEnded(a1);
        List.of(a2, a3, b1, b2).forEach(SessionCapsTest::assertAlive);
    }

    @Test
    void loggingOutFreesRoom() {
        Api.login(KEY_A);
        Api.login(KEY_A);
        String b1 = Api.login(KEY_B);
        Api.login(KEY_B);
        login(KEY_C, 503);
        Api.logout(b1).then().statusCode(204);
        assertAlive(Api.login(KEY_C));
    }

    @Test
    void expiredSessionsDoNotCountAgainstTheTotal() {
        List<String> old = List.of(Api.login(KEY_A), Api.login(KEY_A), Api.login(KEY_B), Api.login(KEY_B));
        login(KEY_C, 503);
        clock.advance(Duration.ofMinutes(31));
        String fresh = Api.login(KEY_C);
        assertAlive(fresh);
        old.forEach(SessionCapsTest::assertEnded);
    }

    @Test
    void expiredSessionsDoNotCountAgainstTheKey() {
        String a1 = Api.login(KEY_A);
        String a2 = Api.login(KEY_A);
        clock.advance(Duration.ofMinutes(31));
        String a3 = Api.login(KEY_A);
        String a4 = Api.login(KEY_A);
        // Two live sessions: neither had to make room for the other.
        assertAlive(a3);
        assertAlive(a4);
        assertEnded(a1);
        assertEnded(a2);
    }

    @Test
    void theReaperPurgesExpiredSessions() {
        String a1 = Api.login(KEY_A);
        Api.login(KEY_B);
        Api.login(KEY_C);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> sessions.liveSessions().await().indefinitely() == 3);
        clock.advance(Duration.ofMinutes(61));
        // SESSION_REAPER runs every second in this profile; nothing here asks for the sessions.
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> sessions.liveSessions().await().indefinitely() == 0);
        // Purged, so no longer even known as expired.
        Api.as(a1).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    private static void login(String key, int status) {
        given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/api/v1/login")
                .then().statusCode(status);
    }

    static void assertAlive(String session) {
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    /** Evicted, logged out or expired: 401 either way (expired ones may already have been purged). */
    static void assertEnded(String session) {
        Api.as(session).get("/api/v1/session").then().statusCode(401)
                .body("code", oneOf("SESSION_INVALID", "SESSION_EXPIRED"));
    }
}
