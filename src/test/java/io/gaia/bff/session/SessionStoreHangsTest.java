package io.gaia.bff.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.RedisStoreProfile;
import io.gaia.bff.testing.SilentServer;
import io.gaia.bff.testing.SilentServerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Redis accepts connections and never answers: requests fail after SESSION_STORE_TIMEOUT_SECONDS, not never. */
@QuarkusTest
@TestProfile(SessionStoreHangsTest.HungRedis.class)
class SessionStoreHangsTest {

    public static class HungRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.store", "redis", "session.encryption-key", RedisStoreProfile.ENCRYPTION_KEY,
                    "session.store-timeout", "0.5");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SilentServerResource.class));
        }
    }

    SilentServer redis;

    @Test
    void aRequestNeedingASessionAnswers503WithinTheTimeout() {
        Api.as(SessionIds.newId()).get("/api/v1/session").then().statusCode(503)
                .body("code", equalTo("SESSION_STORE_UNAVAILABLE"))
                .time(lessThan(3L), TimeUnit.SECONDS);
        assertTrue(redis.connections() > 0, "the service did try Redis");
    }

    @Test
    void readinessIsDownWithinItsLimit() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'session-store' }.status", equalTo("DOWN"))
                .time(lessThan(4L), TimeUnit.SECONDS);
    }
}
