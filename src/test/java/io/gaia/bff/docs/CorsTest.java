package io.gaia.bff.docs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
    void aPageWithBrowserTracingMayCallTheApi() {
        // Sentry adds sentry-trace and baggage to every call to a localhost URL by default, OpenTelemetry
        // traceparent and tracestate to the URLs it is told to follow: a browser refuses the call unless
        // the preflight's answer allows every header it asked for.
        List<String> asked = List.of("content-type", "x-session-id", "sentry-trace", "baggage", "traceparent", "tracestate");
        String allowed = given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", String.join(",", asked))
                .options("/api/v1/ask")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"))
                .extract().header("Access-Control-Allow-Headers");
        Set<String> allowedNames = Arrays.stream(allowed.split(",")).map(name -> name.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        assertTrue(allowedNames.containsAll(asked), "allowed: " + allowed);
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
