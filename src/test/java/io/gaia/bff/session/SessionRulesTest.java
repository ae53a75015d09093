package io.gaia.bff.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.MovableClock;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.support.StoreLookups;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The session rules as a client sees them: the idle timeout that activity slides, the absolute one
 * nothing extends, GET /session reporting both without extending either, ids checked for shape
 * before any lookup, and ids read from the X-Session-ID header only. Only the HTTP API is used (and
 * {@link StoreLookups}, which counts lookups in any store), so the rules can be run against any store. Activity is
 * recorded at most every 5 s; every move of the clock here is far larger.
 */
@QuarkusTest
class SessionRulesTest {

    MovableClock clock;

    @BeforeEach
    void installClock() {
        clock = new MovableClock();
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void activitySlidesTheIdleTimeoutButNeverTheAbsoluteOne() {
        String session = Api.login(Simulator.demoKey());
        String absoluteEnd = report(session).extract().path("absolute_expires_at");

        clock.advance(Duration.ofMinutes(20));
        use(session);
        clock.advance(Duration.ofMinutes(20));
        use(session);
        clock.advance(Duration.ofMinutes(5));
        // 45 minutes after login and 25 after the first use: alive only because the idle timeout slid.
        use(session);
        report(session)
                .body("absolute_expires_at", equalTo(absoluteEnd))
                .body("absolute_expires_in", about(15 * 60))
                // 45 + 30 would pass the absolute end, so the idle end stops there.
                .body("idle_expires_in", about(15 * 60))
                .body("expires_in", about(15 * 60));

        clock.advance(Duration.ofMinutes(10));
        use(session);
        clock.advance(Duration.ofMinutes(5));
        // 60 minutes after login, 5 after the last use: the absolute timeout ends it regardless.
        Api.as(session).get("/api/v1/datasets").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("SESSION_EXPIRED"))
                .body("detail", containsString("lifetime"));
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_EXPIRED"));
    }

    @Test
    void thirtyOneQuietMinutesEndTheSessionForInactivity() {
        String session = Api.login(Simulator.demoKey());
        clock.advance(Duration.ofMinutes(29));
        report(session);
        clock.advance(Duration.ofMinutes(2));
        Api.as(session).get("/api/v1/datasets").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("SESSION_EXPIRED"))
                .body("detail", containsString("inactivity"));
        Api.as(session).get("/api/v1/session").then().statusCode(401)
                .body("code", equalTo("SESSION_EXPIRED"))
                .body("detail", containsString("inactivity"));
    }

    @Test
    void reportingTheSessionNeverSlidesTheIdleTimeout() {
        String session = Api.login(Simulator.demoKey());
        String idleEnd = report(session).extract().path("idle_expires_at");
        for (int minutes = 9; minutes <= 27; minutes += 9) {
            clock.advance(Duration.ofMinutes(9));
            report(session)
                    .body("idle_expires_at", equalTo(idleEnd))
                    .body("idle_expires_in", about(30 * 60 - minutes * 60));
        }
        clock.advance(Duration.ofMinutes(4));
        // 31 minutes of nothing but GET /session: that is inactivity.
        Api.as(session).get("/api/v1/session").then().statusCode(401)
                .body("code", equalTo("SESSION_EXPIRED"))
                .body("detail", containsString("inactivity"));
    }

    @Test
    void sessionReportGivesBothRemainingTimes() {
        String session = Api.login(Simulator.demoKey());
        String createdAt = report(session)
                .body("idle_expires_in", about(30 * 60))
                .body("absolute_expires_in", about(60 * 60))
                .body("expires_in", about(30 * 60))
                .extract().path("created_at");

        clock.advance(Duration.ofMinutes(20));
        use(session);
        report(session)
                .body("created_at", equalTo(createdAt))
                .body("idle_expires_in", about(30 * 60))
                .body("absolute_expires_in", about(40 * 60))
                .body("expires_in", about(30 * 60));

        clock.advance(Duration.ofMinutes(15));
        use(session);
        // Now the absolute end (25 min away) comes before the idle one would (30 min).
        report(session)
                .body("idle_expires_in", about(25 * 60))
                .body("absolute_expires_in", about(25 * 60))
                .body("expires_in", about(25 * 60));
    }

    @Test
    void aValueThatCannotBeASessionIdSaysWhatIsWrongWithItWithoutRepeatingIt() {
        String live = Api.login(Simulator.demoKey());
        Map<String, String> hints = Map.of(
                "\"" + live + "\"", "it is in quotes", // kept with JSON.stringify
                "Bearer " + live, "it starts with \"Bearer \"",
                live.substring(0, 20), "a session id is the 43 characters of session_id");
        hints.forEach((sent, hint) -> Api.as(sent).get("/api/v1/datasets").then().statusCode(401)
                .body("code", equalTo("SESSION_INVALID"))
                .body("detail", equalTo("X-Session-ID does not hold a session id from /login (" + hint
                        + "); send session_id exactly as /login returned it"))
                .body(not(containsString(live.substring(0, 20)))));
        // A well-formed id the service does not know is an ended session: logging in again is the answer.
        Api.as(SessionIds.newId()).get("/api/v1/datasets").then().statusCode(401)
                .body("detail", equalTo("Unknown session; log in again"));
    }

    @Test
    void malformedIdsAre401WithoutReachingTheStore() {
        String live = Api.login(Simulator.demoKey());
        StoreLookups.install();
        long lookups = StoreLookups.lookups();
        List<String> junk = List.of(
                live.substring(0, 42), // too short
                live + "A", // too long
                "A".repeat(1000), // far too long
                live.substring(0, 42) + "=", // 43 characters with base64 padding
                live.substring(0, 42) + "+", // standard base64, not base64url
                live.substring(0, 42) + "/",
                "../" + live.substring(0, 40), // path traversal, 43 characters
                "..%2F..%2F" + live.substring(0, 33),
                live.substring(0, 21) + "!" + live.substring(22), // bad character in the middle
                live.substring(0, 21) + " " + live.substring(22), // a space inside
                live.substring(0, 42) + "\u00e9", // non-ASCII (sent as ISO-8859-1)
                live.substring(0, 21) + "\u00ff" + live.substring(22),
                "' OR '1'='1" + "A".repeat(32));
        for (String id : junk) {
            Api.as(id).get("/api/v1/session").then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("SESSION_INVALID"));
            Api.as(id).get("/api/v1/datasets").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        }
        assertEquals(lookups, StoreLookups.lookups(), "a malformed id never reaches the store");
        // A well-formed id is looked up: the counter does see lookups.
        Api.as(live).get("/api/v1/session").then().statusCode(200);
        assertEquals(lookups + 1, StoreLookups.lookups());
    }

    @Test
    void wellFormedUnknownIdIs401SessionInvalid() {
        Api.as(SessionIds.newId()).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    @Test
    void emptyOrMissingHeaderIs401SessionRequired() {
        given().get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_REQUIRED"));
        Api.as("").get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_REQUIRED"));
    }

    @Test
    void idInTheQueryStringIsIgnored() {
        String session = Api.login(Simulator.demoKey());
        for (String name : List.of("session_id", "sessionId", "X-Session-ID", "x-session-id", "session")) {
            given().queryParam(name, session).get("/api/v1/session").then().statusCode(401)
                    .body("code", equalTo("SESSION_REQUIRED"));
            given().queryParam(name, session).get("/api/v1/datasets").then().statusCode(401)
                    .body("code", equalTo("SESSION_REQUIRED"));
        }
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void idInACookieIsIgnored() {
        String session = Api.login(Simulator.demoKey());
        for (String name : List.of("X-Session-ID", "session_id", "sessionId", "SESSION")) {
            given().cookie(name, session).get("/api/v1/session").then().statusCode(401)
                    .body("code", equalTo("SESSION_REQUIRED"));
        }
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void idInTheBodyIsIgnored() {
        String session = Api.login(Simulator.demoKey());
        Map<String, Object> body = Map.of("session_id", session, "sessionId", session, "X-Session-ID", session,
                "datasetNames", List.of(Simulator.datasetNames().get(0)), "queryString", "what is this?");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/logout").then().statusCode(401)
                .body("code", equalTo("SESSION_REQUIRED"));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/ask").then().statusCode(401)
                .body("code", equalTo("SESSION_REQUIRED"));
        // A form carrying the id is refused before anything reads it (POSTs take JSON only).
        given().contentType(ContentType.URLENC).formParam("session_id", session).formParam("X-Session-ID", session)
                .post("/api/v1/logout").then().statusCode(415);
        // None of that logged the session out.
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    private static void use(String session) {
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
    }

    private static ValidatableResponse report(String session) {
        return Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    /** A remaining time in whole seconds, allowing for the real time the test itself takes. */
    private static Matcher<Integer> about(int seconds) {
        return allOf(greaterThanOrEqualTo(seconds - 10), lessThanOrEqualTo(seconds));
    }
}
