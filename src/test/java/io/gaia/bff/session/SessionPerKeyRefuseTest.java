package io.gaia.bff.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

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

/** SESSION_PER_KEY_OVERFLOW=refuse: a key at SESSION_MAX_PER_KEY gets 429 and its sessions stay. */
@QuarkusTest
@TestProfile(SessionPerKeyRefuseTest.Refuse.class)
class SessionPerKeyRefuseTest {

    public static class Refuse implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.max-per-key", "2", "session.per-key-overflow", "refuse");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

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
    void aKeyAtItsCapIsRefusedWith429AndKeepsItsSessions() {
        String a1 = Api.login(SessionCapsTest.KEY_A);
        String a2 = Api.login(SessionCapsTest.KEY_A);
        given().contentType(ContentType.JSON).body(Map.of("api_key", SessionCapsTest.KEY_A)).post("/api/v1/login")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("TOO_MANY_SESSIONS_FOR_KEY"))
                .body("detail", containsString("2 sessions"));
        SessionCapsTest.assertAlive(a1);
        SessionCapsTest.assertAlive(a2);
        SessionCapsTest.assertAlive(Api.login(SessionCapsTest.KEY_B));
    }

    @Test
    void loggingOutMakesRoomForTheKey() {
        String a1 = Api.login(SessionCapsTest.KEY_A);
        Api.login(SessionCapsTest.KEY_A);
        Api.logout(a1).then().statusCode(204);
        SessionCapsTest.assertAlive(Api.login(SessionCapsTest.KEY_A));
    }

    @Test
    void expiredSessionsDoNotBlockTheKey() {
        Api.login(SessionCapsTest.KEY_A);
        Api.login(SessionCapsTest.KEY_A);
        clock.advance(Duration.ofMinutes(31));
        SessionCapsTest.assertAlive(Api.login(SessionCapsTest.KEY_A));
    }
}
