package io.gaia.bff.resilience;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.testing.FakeGaia;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Nothing listens at Gaia's address: refused connections open the breaker, which then answers at once. */
@QuarkusTest
@TestProfile(GaiaDownTest.Down.class)
class GaiaDownTest {

    public static class Down implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gaia.base-url", FakeGaia.closedPortUrl(),
                    "gaia.request-timeout", "1",
                    "gaia.breaker.request-volume", "3",
                    "gaia.breaker.failure-ratio", "1",
                    "gaia.breaker.delay", "30");
        }
    }

    private static io.restassured.response.ValidatableResponse login() {
        return given().contentType(ContentType.JSON).body(Map.of("api_key", "any-key")).post("/api/v1/login").then();
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
}
