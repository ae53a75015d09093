package io.gaia.bff;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.RedisStoreProfile;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.PackagedService;
import io.gaia.bff.testing.Ports;
import io.gaia.bff.testing.RedisServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Two replicas of the packaged service on one Redis, as behind a load balancer: a session opened on
 * one works on the other, and a logout on one ends it on the other at once.
 */
class RedisReplicasIT {

    @Test
    void aSessionFromOneReplicaWorksOnTheOtherUntilLoggedOutThere() throws Exception {
        try (RedisServer redis = RedisServer.start(); FakeGaia gaia = FakeGaia.start();
                Replica a = Replica.start("a", redis, gaia); Replica b = Replica.start("b", redis, gaia)) {
            String session = a.request().contentType(ContentType.JSON).body(Map.of("api_key", FakeGaia.GOOD_API_KEY))
                    .post("/api/v1/login").then().statusCode(200).extract().path("session_id");

            b.request().header("X-Session-ID", session).get("/api/v1/datasets").then().statusCode(200);
            b.request().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'session-store' }.data.store", equalTo("redis"));

            a.request().header("X-Session-ID", session).contentType("application/json").post("/api/v1/logout").then().statusCode(204);

            b.request().header("X-Session-ID", session).get("/api/v1/datasets").then().statusCode(401)
                    .body("code", equalTo("SESSION_INVALID"));
            a.assertLogHasNo(session, FakeGaia.GOOD_API_KEY);
            b.assertLogHasNo(session, FakeGaia.GOOD_API_KEY);
        }
    }

    /** One instance of the packaged service (jar or native binary), with the Redis store. */
    private static final class Replica implements AutoCloseable {

        private final String name;
        private final Process process;
        private final Path log;
        private final int port;

        private Replica(String name, Process process, Path log, int port) {
            this.name = name;
            this.process = process;
            this.log = log;
            this.port = port;
        }

        static Replica start(String name, RedisServer redis, FakeGaia gaia) throws Exception {
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-replica-" + name, ".log");
            ProcessBuilder builder = PackagedService.command().redirectOutput(log.toFile());
            builder.environment().putAll(Map.of(
                    "SESSION_STORE", "redis",
                    "QUARKUS_REDIS_HOSTS", redis.url(),
                    "SESSION_ENCRYPTION_KEY", RedisStoreProfile.ENCRYPTION_KEY,
                    "GAIA_BASE_URL", gaia.baseUrl(),
                    "GAIA_PROBE_INTERVAL", "off",
                    "QUARKUS_HTTP_PORT", String.valueOf(port)));
            Replica replica = new Replica(name, builder.start(), log, port);
            if (!Ports.awaitListening(port, Duration.ofSeconds(60))) {
                replica.close();
                throw new AssertionError("replica " + name + " did not start:\n" + Files.readString(log));
            }
            return replica;
        }

        RequestSpecification request() {
            return RestAssured.given().baseUri("http://127.0.0.1:" + port);
        }

        void assertLogHasNo(String... secrets) throws Exception {
            String output = Files.readString(log);
            for (String secret : secrets) {
                assertTrue(!output.contains(secret), "replica " + name + " logged a secret:\n" + output);
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
