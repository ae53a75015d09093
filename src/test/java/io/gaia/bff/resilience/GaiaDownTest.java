package io.gaia.bff.resilience;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.LogCapture;
import io.gaia.bff.testing.FakeGaia;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Nothing listens at Gaia's address: refused connections open the breaker, which then answers at
 * once; every line logged meanwhile carries its request id, and the key typed at login is in none.
 */
@QuarkusTest
@TestProfile(GaiaDownTest.Down.class)
class GaiaDownTest {

    static final LogCapture LOG = LogCapture.named("gaia-down");
    static final String KEY = "sk-gaia-down-3c9f-SECRET";

    public static class Down implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = LOG.serviceConfig("DEBUG");
            config.putAll(Map.of("gaia.base-url", FakeGaia.closedPortUrl(),
                    "gaia.request-timeout", "1",
                    "gaia.breaker.request-volume", "3",
                    "gaia.breaker.failure-ratio", "1",
                    "gaia.breaker.delay", "30"));
            return config;
        }
    }

    private static io.restassured.response.ValidatableResponse login() {
        return given().contentType(ContentType.JSON).body(Map.of("api_key", KEY)).post("/api/v1/login").then();
    }

    @Test
    void refusedConnectionsAre503ThenTheOpenBreakerFailsFastWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            login().statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("GAIA_UNAVAILABLE")).time(lessThan(3000L));
        }
        login().statusCode(503).body("code", equalTo("GAIA_UNAVAILABLE"))
                .header("Retry-After", notNullValue()).time(lessThan(500L));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'gaia' }.data.breaker", equalTo("open"))
                .body("checks.find { it.name == 'gaia' }.data.breakerRetryAfterSeconds", notNullValue())
                .body("checks.find { it.name == 'gaia' }.data.reachable", equalTo(false));
    }

    @Test
    void whatGaiaBeingDownLogsCarriesRequestIdsAndNoKey() {
        for (int i = 0; i < 4; i++) {
            login().statusCode(503);
        }
        String text = LOG.awaitLines("route=/api/v1/login status=503", 4);
        List<LogCapture.Entry> running = LOG.whileRunning();
        assertTrue(running.stream().filter(e -> e.message().contains("route=/api/v1/login status=503")).count() >= 4,
                "every refused login has its access line");
        List<LogCapture.Entry> anonymous = running.stream().filter(e -> !e.inRequest()).toList();
        assertTrue(anonymous.isEmpty(), "lines without a request id:\n"
                + String.join("\n", anonymous.stream().map(LogCapture.Entry::toString).toList()));
        assertFalse(text.contains(KEY), "the log holds the key typed at login");
    }
}
