package io.gaia.bff.docs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** ALLOW_CORS_ORIGIN=* is honoured, since an API may be meant for every site, and the start says what it allows. */
@QuarkusTest
@TestProfile(AnyOriginTest.AnyOrigin.class)
class AnyOriginTest {

    static final LogCapture LOG = LogCapture.named("any-origin");

    public static class AnyOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(LOG.config("INFO"));
            config.put("app.cors-origins", "*");
            return config;
        }
    }

    @Test
    void everyOriginIsAllowedAndTheStartWarnsOfIt() {
        given().header("Origin", "https://any.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/ask")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://any.example"));
        String log = LOG.read();
        assertTrue(log.lines().anyMatch(line -> line.contains("WARN") && line.contains("ALLOW_CORS_ORIGIN=*")), log);
    }
}
