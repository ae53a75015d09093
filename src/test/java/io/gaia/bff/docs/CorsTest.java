package io.gaia.bff.docs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CorsTest {

    @Test
    void configuredOriginMaySendTheSessionHeader() {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-session-id")
                .options("/api/v1/ask")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("X-Session-ID"));
    }

    @Test
    void outsideDevModeAnotherPortOfLocalhostIsNotAllowed() {
        given().header("Origin", "http://localhost:5174")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/ask")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void otherOriginsAreNotAllowed() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/ask")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
