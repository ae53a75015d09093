package io.gaia.bff.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * What a frontend developer's app hears when it calls the service in dev mode while a live reload
 * restarts it: a 503 it can act on, not a 500 with a stack trace. The stopped application is stood
 * in for by telling this one it has stopped, as dev mode's ShutdownEvent does. Checked by hand with
 * ./mvnw quarkus:dev, 40 requests 100 ms apart from the moment a Java file changed: before, 31 got a
 * 500 (a stack trace, or dev mode's HTML error page after the restart itself failed); after, 503
 * during the restart and 401 SESSION_INVALID once it was done.
 */
@QuarkusTest
@TestProfile(LiveReloadRestartTest.OwnApplication.class)
class LiveReloadRestartTest {

    /** Its own application: this test leaves it refusing every request. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final String PAGE = "http://localhost:5173";

    @Inject
    HttpLayerProblems problems;

    /** One test: once refused, this application refuses everything, logins included. */
    @Test
    void requestsWhileTheServiceRestartsGetA503TheAppCanRetryEvenFromAnotherPort() {
        String sessionId = Api.login(Simulator.demoKey());
        Map<String, Object> question = Map.of("datasetNames", List.of(Simulator.datasetContaining("handbook")),
                "queryString", "Who is on call?");
        problems.refuseRequestsFromNowOn();
        Api.as(sessionId).get("/api/v1/datasets")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("code", equalTo("SHUTTING_DOWN"))
                .body("detail", containsString("restarting (a live reload"))
                .body("instance", equalTo("/api/v1/datasets"));
        Api.as(sessionId).contentType(ContentType.JSON)
                .body(question)
                .post("/api/v1/ask/stream")
                .then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("SHUTTING_DOWN"));

        // In dev mode a page on Vite's port calls the API directly: without CORS headers the browser
        // would hide the 503 behind "Failed to fetch", and without an answered preflight never send it.
        given().header("Origin", PAGE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-session-id")
                .options("/api/v1/datasets")
                .then().statusCode(200).header("Access-Control-Allow-Origin", PAGE);
        Api.as(sessionId).header("Origin", PAGE).get("/api/v1/datasets")
                .then().statusCode(503).header("Access-Control-Allow-Origin", PAGE)
                .body("code", equalTo("SHUTTING_DOWN"));
    }
}
