package io.gaia.bff.upstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.gaia.bff.testing.FakeGaia;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Gaia's address answers nothing at all: the user hears "Gaia down", fast, never "bad key". */
@QuarkusTest
@TestProfile(GaiaUnreachableTest.NothingListening.class)
class GaiaUnreachableTest {

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gaia.base-url", FakeGaia.closedPortUrl());
        }
    }

    @Test
    void loginIs503GaiaUnavailable() {
        given().contentType(ContentType.JSON).body(Map.of("api_key", "any-key")).post("/api/v1/login")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("GAIA_UNAVAILABLE"))
                .time(lessThan(5L), TimeUnit.SECONDS);
    }

    @Test
    void readinessStaysUpAndReportsGaiaUnreachable() {
        given().contentType(ContentType.JSON).body(Map.of("api_key", "any-key")).post("/api/v1/login");
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'gaia' }.data.reachable", equalTo(false));
    }
}
