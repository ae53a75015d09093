package io.gaia.bff.session;

import static io.gaia.bff.support.ApiDocument.assertDocumented;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Metrics;
import io.gaia.bff.support.RedisStoreProfile;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.testing.Ports;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Nothing listens where Redis should be: no request gets through, each hears 503 at once. */
@QuarkusTest
@TestProfile(SessionStoreUnreachableTest.NoRedis.class)
class SessionStoreUnreachableTest {

    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.store", "redis", "session.encryption-key", RedisStoreProfile.ENCRYPTION_KEY,
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + Ports.free());
        }
    }

    @Test
    void readinessIsDownNamingTheStore() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'session-store' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'session-store' }.data.store", equalTo("redis"));
    }

    @Test
    void requestsNeedingASessionAre503SessionStoreUnavailable() {
        Api.as(SessionIds.newId()).get("/api/v1/datasets").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("SESSION_STORE_UNAVAILABLE"))
                .time(lessThan(3L), TimeUnit.SECONDS);
        Api.logout(SessionIds.newId()).then().statusCode(503)
                .body("code", equalTo("SESSION_STORE_UNAVAILABLE"));
    }

    @Test
    void everyRouteListsTheStoresOutageInTheApiDocument() {
        String session = SessionIds.newId();
        assertDocumented("get", "/api/v1/session", Api.as(session).get("/api/v1/session"), 503);
        assertDocumented("post", "/api/v1/logout", Api.logout(session), 503);
        assertDocumented("get", "/api/v1/datasets", Api.as(session).get("/api/v1/datasets"), 503);
        assertDocumented("post", "/api/v1/ask", Api.ask(session,
                Map.of("datasetNames", List.of("handbook"), "queryString", "q")), 503);
        assertDocumented("post", "/api/v1/login", given().contentType(ContentType.JSON)
                .body(Map.of("api_key", Simulator.demoKey())).post("/api/v1/login"), 503);
    }

    @Test
    void loginIs503SessionStoreUnavailable() {
        given().contentType(ContentType.JSON).body(Map.of("api_key", Simulator.demoKey())).post("/api/v1/login")
                .then().statusCode(503)
                .body("code", equalTo("SESSION_STORE_UNAVAILABLE"));
    }

    /** The rate limit's count lives in the store too, so the login is refused before it runs: still counted. */
    @Test
    void aLoginRefusedWhileTheStoreIsDownIsCountedAsStoreUnavailable() {
        double before = Metrics.value("bff_logins_total", "outcome=\"store_unavailable\"");
        given().contentType(ContentType.JSON).body(Map.of("api_key", Simulator.demoKey())).post("/api/v1/login")
                .then().statusCode(503);
        assertEquals(before + 1, Metrics.value("bff_logins_total", "outcome=\"store_unavailable\""));
    }
}
