package io.gaia.bff.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.testing.SilentServer;
import io.gaia.bff.testing.SilentServerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With the memory store (the default) a configured Redis address is never even connected to. */
@QuarkusTest
@TestProfile(MemoryStoreNeverTouchesRedisTest.RedisAddressGiven.class)
class MemoryStoreNeverTouchesRedisTest {

    public static class RedisAddressGiven implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.store", "memory");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SilentServerResource.class));
        }
    }

    SilentServer redis;

    @Test
    void sessionsLiveAndEndWithoutAnyRedisConnection() {
        String session = Api.login(Simulator.demoKey());
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
        Api.logout(session).then().statusCode(204);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'session-store' }.data.store", equalTo("memory"));
        assertEquals(0, redis.connections());
    }
}
