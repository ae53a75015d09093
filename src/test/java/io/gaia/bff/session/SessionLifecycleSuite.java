package io.gaia.bff.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.MovableClock;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.junit.QuarkusMock;
import io.restassured.http.ContentType;

/**
 * How a session lives and ends, whatever holds it: {@link SessionLifecycleInMemoryTest} runs these
 * against the memory store, {@link SessionLifecycleOnRedisTest} against Redis. The application clock
 * moves; Redis's TTLs run on real time, so expiry must be decided from the stored timestamps.
 */
abstract class SessionLifecycleSuite {

    @Inject
    SessionService sessions;

    MovableClock clock;

    @BeforeEach
    void installClock() {
        clock = new MovableClock();
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void sessionEndpointReportsWithoutExtending() {
        String session = Api.login(Simulator.demoKey());
        String expiresAt = Api.as(session).get("/api/v1/session").then().statusCode(200)
                .body("expires_in", lessThanOrEqualTo(3600)).extract().path("expires_at");
        clock.advance(Duration.ofMinutes(10));
        Api.as(session).get("/api/v1/session").then().statusCode(200)
                .body("expires_at", equalTo(expiresAt))
                .body("expires_in", lessThanOrEqualTo(3000));
    }

    @Test
    void expiredSessionIs401SessionExpired() {
        String session = Api.login(Simulator.demoKey());
        clock.advance(Duration.ofSeconds(3601));
        Api.as(session).get("/api/v1/datasets").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("SESSION_EXPIRED"));
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_EXPIRED"));
    }

    @Test
    void activityKeepsASessionPastTheIdleTimeout() {
        String session = Api.login(Simulator.demoKey());
        clock.advance(Duration.ofMinutes(20));
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
        clock.advance(Duration.ofMinutes(20));
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void inactivityEndsASessionAsExpired() {
        String session = Api.login(Simulator.demoKey());
        clock.advance(Duration.ofSeconds(1801));
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_EXPIRED"));
    }

    @Test
    void reaperForgetsExpiredSessions() {
        String session = Api.login(Simulator.demoKey());
        clock.advance(Duration.ofSeconds(3601));
        sessions.purgeExpired().await().indefinitely();
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    @Test
    void logoutEndsExactlyThisSession() {
        String first = Api.login(Simulator.demoKey());
        String second = Api.login(Simulator.demoKey());
        Api.logout(first).then().statusCode(204);
        Api.as(first).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        Api.as(second).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void logoutWithoutSessionIs401() {
        given().contentType(ContentType.JSON).post("/api/v1/logout").then().statusCode(401).body("code", equalTo("SESSION_REQUIRED"));
        Api.logout("x".repeat(43)).then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    @Test
    void malformedSessionIdsAre401SessionInvalid() {
        for (String junk : new String[] { "abc", "../../etc/passwd", "x".repeat(44), "a b".repeat(15) }) {
            Api.as(junk).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        }
    }

    @Test
    void sessionIdIsNotAcceptedFromTheQueryString() {
        String session = Api.login(Simulator.demoKey());
        given().queryParam("X-Session-ID", session).get("/api/v1/session").then().statusCode(401)
                .body("code", equalTo("SESSION_REQUIRED"));
    }

    @Test
    void sessionIdsCarry256RandomBits() {
        String id = SessionIds.newId();
        assertEquals(43, id.length());
        assertEquals(32, java.util.Base64.getUrlDecoder().decode(id).length);
    }
}
