package io.gaia.bff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Simulator;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * What a frontend developer running the service in dev mode next to their dev server needs: their
 * app logs in again on every full reload, from the same address, and the dev server is not always on
 * Vite's 5173 (Vite moves to 5174 when 5173 is taken).
 */
@QuarkusTest
@TestProfile(DevModeTest.DevMode.class)
class DevModeTest {

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

    @Inject
    Scheduler scheduler;

    @Test
    void thirtyLoginsInAMinuteFromOneAddressAllSucceed() {
        // The production limit is 10 per minute: the eleventh reload would be locked out.
        for (int reload = 1; reload <= 30; reload++) {
            given().contentType(ContentType.JSON).body(Map.of("api_key", Simulator.demoKey()))
                    .when().post("/api/v1/login")
                    .then().statusCode(200);
        }
    }

    @Test
    void aDevServerOnAnyPortOfThisMachineMayCallTheApi() {
        for (String origin : new String[] { "http://localhost:5174", "http://127.0.0.1:3000", "http://localhost:4173" }) {
            given().header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,x-session-id")
                    .options("/api/v1/ask")
                    .then().statusCode(200)
                    .header("Access-Control-Allow-Origin", equalTo(origin));
        }
    }

    @Test
    void theSimulatorIsNotProbedInTheBackground() {
        // Its request showed in the console every 30 s and set off pending live reloads unasked.
        List<String> jobs = scheduler.getScheduledJobs().stream().map(Trigger::getMethodDescription).toList();
        assertTrue(jobs.stream().noneMatch(job -> job.contains("GaiaReachabilityProbe")), "scheduled: " + jobs);
    }

    @Test
    void pagesFromAnywhereElseAreStillRefused() {
        for (String origin : new String[] { "https://evil.example", "http://localhost.evil.example:5173",
                "http://192.168.1.20:5173" }) {
            given().header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .options("/api/v1/ask")
                    .then().header("Access-Control-Allow-Origin", nullValue());
        }
    }
}
