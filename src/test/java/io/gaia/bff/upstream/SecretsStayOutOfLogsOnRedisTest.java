package io.gaia.bff.upstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.LogCapture;
import io.gaia.bff.support.RedisStoreProfile;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.testing.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The Redis store's paths at TRACE, Redis going unresponsive included: no Gaia key, session id or
 * encryption key in the log or in any response.
 */
@QuarkusTest
@TestProfile(SecretsStayOutOfLogsOnRedisTest.TraceOnRedis.class)
class SecretsStayOutOfLogsOnRedisTest {

    static final LogCapture LOG = LogCapture.named("secret-scan-redis");

    public static class TraceOnRedis extends RedisStoreProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.putAll(LOG.config("TRACE"));
            config.put("quarkus.rest-client.logging.scope", "request-response");
            return config;
        }
    }

    RedisServer redis;

    @Test
    void redisPathsAndRedisTroubleLeakNothing() throws Exception {
        String key = Simulator.demoKey();
        List<Response> responses = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        String session = Api.login(key);
        sessions.add(session);
        responses.add(Api.as(session).get("/api/v1/datasets"));
        responses.add(Api.as(session).get("/api/v1/session"));
        responses.add(Api.logout(session));
        responses.add(Api.as(session).get("/api/v1/session"));
        String second = Api.login(key);
        sessions.add(second);

        // Redis stops answering (paused for every client): sessions cannot be checked, so nothing passes.
        redis.command("CLIENT", "PAUSE", "2500", "ALL");
        Response unavailable = Api.as(second).get("/api/v1/datasets");
        unavailable.then().statusCode(503).body("code", equalTo("SESSION_STORE_UNAVAILABLE"));
        responses.add(unavailable);
        responses.add(given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/api/v1/login"));
        Thread.sleep(2600);
        Api.as(second).get("/api/v1/session").then().statusCode(200);

        for (Response response : responses) {
            String body = response.asString() + response.headers();
            assertFalse(body.contains(key), "response leaked the key: " + body);
            assertFalse(body.contains(RedisStoreProfile.ENCRYPTION_KEY), "response leaked the encryption key");
            for (String id : sessions) {
                assertFalse(body.contains(id), "response leaked a session id: " + body);
            }
        }
        String log = LOG.awaitContaining("session_event=logout");
        assertTrue(log.contains("TRACE"), "the log was captured at TRACE");
        assertTrue(log.contains("SESSION_STORE_UNAVAILABLE") || log.contains("Session store unavailable"),
                "the Redis trouble was logged");
        assertFalse(log.contains(key), "log holds the key");
        assertFalse(log.contains(RedisStoreProfile.ENCRYPTION_KEY), "log holds the encryption key");
        for (String id : sessions) {
            assertFalse(log.contains(id), "log holds a session id");
        }
    }
}
