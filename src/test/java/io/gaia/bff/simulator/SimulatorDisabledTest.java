package io.gaia.bff.simulator;

import static io.gaia.bff.simulator.DatasetsResourceTest.gaia;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A build without the simulator, as in production, starts cleanly and serves nothing under /gaia-sim. */
@QuarkusTest
@TestProfile(SimulatorDisabledTest.SimulatorOff.class)
class SimulatorDisabledTest {

    public static class SimulatorOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gaia-simulator.enabled", "false");
        }
    }

    @Test
    void disabledSimulatorServesNoRoutes() {
        gaia().when().get("/gaia-sim/datasets").then().statusCode(404);
        gaia().contentType("application/json").body("{}").when().post("/gaia-sim/ask").then().statusCode(404);
    }
}
