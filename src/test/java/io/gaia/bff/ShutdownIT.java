package io.gaia.bff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.PackagedService;
import io.gaia.bff.testing.Ports;
import io.gaia.bff.testing.SseScript;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * SIGTERM (what Kubernetes sends) while a browser is mid-answer: the browser is told the service is
 * going away, the Gaia call is closed, and the service exits instead of waiting for the answer.
 */
class ShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sigtermEndsOpenStreamsWithAnErrorEventAndTheServiceExits() throws Exception {
        try (FakeGaia gaia = FakeGaia.start()) {
            gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                    .event("{\"responseString\":\"first \"}")
                    .pause(Duration.ofSeconds(30))
                    .event("{\"responseString\":\"never sent\"}")
                    .thenEnd());
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown", ".log");
            ProcessBuilder builder = PackagedService.command().redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("GAIA_BASE_URL", gaia.baseUrl(), "QUARKUS_HTTP_PORT", String.valueOf(port),
                    "GAIA_PROBE_INTERVAL", "off"));
            Process service = builder.start();
            try {
                assertTrue(Ports.awaitListening(port, Duration.ofSeconds(30)), "the service started listening");
                URL root = URI.create("http://127.0.0.1:" + port + "/").toURL();
                String session = RestAssured.given().baseUri(root.toString()).contentType(ContentType.JSON)
                        .body(Map.of("api_key", FakeGaia.GOOD_API_KEY)).post("/api/v1/login")
                        .then().statusCode(200).extract().path("session_id");

                try (StreamClient stream = StreamClient.open(root, session,
                        Map.of("datasetNames", List.of("handbook"), "queryString", "q"))) {
                    assertEquals("stream open", stream.next().comment());
                    assertTrue(stream.next().data().contains("first"));

                    long stopping = System.nanoTime();
                    service.destroy(); // SIGTERM
                    List<Frame> rest = StreamClient.events(stream.readToEnd());
                    Frame last = rest.get(rest.size() - 1);
                    assertEquals("error", last.name(), "the browser hears why the stream ends: " + rest);
                    JsonNode problem = JSON.readTree(last.data());
                    assertEquals("SHUTTING_DOWN", problem.path("code").asText());
                    assertTrue(service.waitFor(15, TimeUnit.SECONDS), "the service exited without waiting for Gaia");
                    long tookMillis = (System.nanoTime() - stopping) / 1_000_000;
                    assertTrue(tookMillis < 12_000, "shutdown took " + tookMillis + " ms; Gaia would have needed 30 s");
                }
                assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(5)), "the Gaia call was closed");
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertTrue(output.contains("ending 1 open answer stream"), output);
        }
    }

    /** A non-streaming ask in flight when SIGTERM arrives is answered before the service exits. */
    @Test
    void sigtermLetsAnInFlightAskFinish() throws Exception {
        try (FakeGaia gaia = FakeGaia.start()) {
            gaia.on("POST", "/ask").respond(200, "{\"responseString\":\"finished answer\"}")
                    .afterDelay(Duration.ofSeconds(2));
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown-ask", ".log");
            ProcessBuilder builder = PackagedService.command().redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("GAIA_BASE_URL", gaia.baseUrl(), "QUARKUS_HTTP_PORT", String.valueOf(port),
                    "GAIA_PROBE_INTERVAL", "off"));
            Process service = builder.start();
            try {
                assertTrue(Ports.awaitListening(port, Duration.ofSeconds(30)), "the service started listening");
                String root = "http://127.0.0.1:" + port + "/";
                String session = RestAssured.given().baseUri(root).contentType(ContentType.JSON)
                        .body(Map.of("api_key", FakeGaia.GOOD_API_KEY)).post("/api/v1/login")
                        .then().statusCode(200).extract().path("session_id");

                java.util.concurrent.CompletableFuture<io.restassured.response.Response> ask =
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> RestAssured.given().baseUri(root)
                                .header("X-Session-ID", session).contentType(ContentType.JSON)
                                .body(Map.of("datasetNames", List.of("handbook"), "queryString", "q"))
                                .post("/api/v1/ask"));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (gaia.requestsTo("/ask").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(!gaia.requestsTo("/ask").isEmpty(), "the ask reached Gaia before SIGTERM");
                service.destroy(); // SIGTERM, mid-request
                io.restassured.response.Response answer = ask.get(15, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode(), answer.asString());
                assertTrue(answer.asString().contains("finished answer"), answer.asString());
                assertTrue(service.waitFor(15, TimeUnit.SECONDS), "the service exited after the answer");
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
