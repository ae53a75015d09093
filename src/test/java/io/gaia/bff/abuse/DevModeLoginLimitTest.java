package io.gaia.bff.abuse;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * In dev mode a frontend developer's app logs in again on every full reload, from the same address;
 * the production limit of 10 logins per minute would lock them out within a minute of work.
 */
@QuarkusTest
@TestProfile(DevModeLoginLimitTest.DevMode.class)
class DevModeLoginLimitTest {

    public static class DevMode implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "dev";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Dev mode's simulator is on quarkus.http.port; a test application listens on the test port.
            return Map.of("gaia.base-url", "http://localhost:${quarkus.http.test-port:8081}/gaia-sim");
        }
    }

    @Test
    void thirtyLoginsInAMinuteFromOneAddressAllSucceedInDevMode() {
        for (int reload = 1; reload <= 30; reload++) {
            given().contentType(ContentType.JSON).body(Map.of("api_key", Simulator.demoKey()))
                    .when().post("/api/v1/login")
                    .then().statusCode(200);
        }
    }
}
