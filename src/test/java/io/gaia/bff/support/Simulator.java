package io.gaia.bff.support;

import static io.restassured.RestAssured.given;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

/** What the tests need to know about the in-process Gaia simulator they run against by default. */
public final class Simulator {

    private Simulator() {
    }

    public static String demoKey() {
        return ConfigProvider.getConfig().getValue("gaia-simulator.api-key", String.class);
    }

    /** The dataset names the simulator offers, read from it directly (not through the service). */
    public static List<String> datasetNames() {
        return given().header("apiKey", demoKey()).when().get("/gaia-sim/datasets")
                .then().statusCode(200).extract().path("datasets.name");
    }

    public static String datasetContaining(String word) {
        return datasetNames().stream().filter(name -> name.contains(word)).findFirst()
                .orElseThrow(() -> new AssertionError("no simulator dataset named like " + word + " in " + datasetNames()));
    }
}
