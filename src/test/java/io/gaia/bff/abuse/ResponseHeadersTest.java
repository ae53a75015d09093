package io.gaia.bff.abuse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Headers every response needs, whoever answers it: a resource, an error mapper or the HTTP layer. */
@QuarkusTest
class ResponseHeadersTest {

    private static Map<String, Object> question() {
        return Map.of("datasetNames", List.of(Simulator.datasetContaining("handbook")), "queryString", "expenses");
    }

    private static void assertNoStore(Response response, int status) {
        // The stream adds no-transform to the directives.
        response.then().statusCode(status).header("Cache-Control", anyOf(equalTo("no-store"), startsWith("no-store,")))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void responsesCarryingASessionIdOrAnAnswerAreNeverStored() {
        Response login = given().contentType(ContentType.JSON).body(Map.of("api_key", Simulator.demoKey())).post("/api/v1/login");
        assertNoStore(login, 200);
        String session = login.path("session_id");
        assertNoStore(Api.as(session).get("/api/v1/session"), 200);
        assertNoStore(Api.ask(session, question()), 200);
        assertNoStore(Api.as(session).contentType(ContentType.JSON).accept("text/event-stream").body(question())
                .post("/api/v1/ask/stream"), 200);
        assertNoStore(Api.as(session).get("/api/v1/datasets"), 200);
        assertNoStore(Api.logout(session), 204);
    }

    @Test
    void apiErrorsAreNeverStoredEither() {
        assertNoStore(given().get("/api/v1/session"), 401);
        assertNoStore(given().get("/api/v1/nothing-here"), 404);
    }

    @Test
    void nosniffIsOnEveryResponseIncludingProblemsDocsAndHealth() {
        for (String path : List.of("/nothing-here", "/api/v1/nothing-here", "/docs/", "/redoc", "/q/openapi",
                "/q/health/live", "/q/health/ready")) {
            given().get(path).then().header("X-Content-Type-Options", "nosniff");
        }
        given().contentType("text/plain").body("x").post("/api/v1/login")
                .then().statusCode(415).header("X-Content-Type-Options", "nosniff");
        given().delete("/api/v1/datasets").then().statusCode(405).header("X-Content-Type-Options", "nosniff");
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/login")
                .then().statusCode(400).header("X-Content-Type-Options", "nosniff");
        given().contentType(ContentType.JSON).body(Map.of("api_key", "x".repeat(2 * 1024 * 1024)))
                .post("/api/v1/login").then().statusCode(413).header("X-Content-Type-Options", "nosniff")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }
}
