package io.gaia.bff.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Small helpers for the routes every test needs. */
public final class Api {

    public static final String SESSION_HEADER = "X-Session-ID";

    private Api() {
    }

    /** Logs in and returns the session id; fails the test if login does not answer 200. */
    public static String login(String apiKey) {
        return given().contentType(ContentType.JSON).body(Map.of("api_key", apiKey))
                .when().post("/api/v1/login")
                .then().statusCode(200)
                .extract().path("session_id");
    }

    public static RequestSpecification as(String sessionId) {
        return given().header(SESSION_HEADER, sessionId);
    }

    /**
     * Logs out. Sent as JSON: REST Assured gives a bodyless POST a form Content-Type, which the API
     * refuses (a cross-site form could send the same).
     */
    public static Response logout(String sessionId) {
        return as(sessionId).contentType(ContentType.JSON).when().post("/api/v1/logout");
    }

    public static Response ask(String sessionId, Object body) {
        return as(sessionId).contentType(ContentType.JSON).body(body).when().post("/api/v1/ask");
    }
}
