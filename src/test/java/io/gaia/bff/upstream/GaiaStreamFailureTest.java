package io.gaia.bff.upstream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.FakeGaiaProfile;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Arrival;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.SseScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Streams through the service when Gaia streams in its various ways, and when things break. */
@QuarkusTest
@TestProfile(FakeGaiaProfile.class)
class GaiaStreamFailureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> QUESTION = Map.of("datasetNames", List.of("handbook"), "queryString", "q");

    @InjectFakeGaia
    FakeGaia gaia;

    @TestHTTPResource("/")
    URL root;

    String session;

    @BeforeEach
    void login() {
        gaia.reset();
        session = Api.login(FakeGaia.GOOD_API_KEY);
    }

    private List<Arrival> stream() {
        return StreamClient.read(StreamClient.to(root), session, QUESTION);
    }

    @Test
    void liveTenantShapeIsRelayedUnchanged() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"data\":{\"responseString\":\"Hello \"}}")
                .event("{\"data\":{\"responseString\":\"world\"}}")
                .raw("data: {\"data\":{\"queryUid\":\"q-1\",\"conversationId\":\"c-1\",\"documents\":[{\"documentId\":\"d1\"}]}}\n")
                .thenEnd());
        List<Arrival> events = stream();
        assertEquals(List.of("{\"data\":{\"responseString\":\"Hello \"}}", "{\"data\":{\"responseString\":\"world\"}}",
                "{\"data\":{\"queryUid\":\"q-1\",\"conversationId\":\"c-1\",\"documents\":[{\"documentId\":\"d1\"}]}}"),
                events.stream().map(Arrival::data).toList());
    }

    @Test
    void eventNamesPassThroughAndCommentsAreNotForwarded() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .comment("keep-alive")
                .event("progress", "{\"step\":1}")
                .comment("keep-alive")
                .event("{\"responseString\":\"hi\"}")
                .thenEnd());
        List<Arrival> events = stream();
        assertEquals(2, events.size(), "comments are not events: " + events);
        assertEquals("progress", events.get(0).name());
        assertEquals("{\"step\":1}", events.get(0).data());
        assertEquals("{\"responseString\":\"hi\"}", events.get(1).data());
    }

    @Test
    void eventsArriveAsGaiaSendsThem() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"one \"}").pause(Duration.ofMillis(400))
                .event("{\"responseString\":\"two \"}").pause(Duration.ofMillis(400))
                .event("{\"queryUid\":\"q\",\"documents\":[]}")
                .thenEnd());
        List<Arrival> events = stream();
        assertEquals(3, events.size());
        for (int i = 1; i < events.size(); i++) {
            long gapMillis = (events.get(i).nanos() - events.get(i - 1).nanos()) / 1_000_000;
            assertTrue(gapMillis >= 200, "event " + i + " came " + gapMillis + " ms after the previous one; Gaia paused 400 ms");
        }
    }

    @Test
    void cutConnectionEndsTheStreamWithAnErrorEvent() throws Exception {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                .pause(Duration.ofMillis(100))
                .thenCut());
        List<Arrival> events = stream();
        assertEquals("{\"responseString\":\"partial \"}", events.get(0).data());
        Arrival last = events.get(events.size() - 1);
        assertEquals("error", last.name());
        JsonNode problem = JSON.readTree(last.data());
        assertEquals(502, problem.path("status").asInt());
        assertTrue(problem.path("detail").isTextual());
    }

    @Test
    void stalledStreamEndsWithATimeoutErrorEvent() throws Exception {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                .thenHang());
        long start = System.nanoTime();
        List<Arrival> events = stream();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        Arrival last = events.get(events.size() - 1);
        assertEquals("error", last.name());
        assertEquals("GAIA_TIMEOUT", JSON.readTree(last.data()).path("code").asText());
        assertTrue(tookMillis < 5000, "the 1 s silence limit ended the stream, took " + tookMillis + " ms");
    }

    @Test
    void gaiaFailureBeforeTheFirstEventIsAPlainHttpError() {
        gaia.on("POST", "/ask/stream").respond(503, "{\"message\":\"cluster down\"}");
        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream").body(QUESTION)
                .post("/api/v1/ask/stream")
                .then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("GAIA_UNAVAILABLE"));
    }

    @Test
    void keyRevokedUpstreamBeforeTheFirstEventEndsTheSession() {
        gaia.on("POST", "/ask/stream").respond(401, "{\"errorCode\":\"KStatusUnauthorized\"}");
        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream").body(QUESTION)
                .post("/api/v1/ask/stream")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("SESSION_INVALID"));
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    @Test
    void unknownDatasetBeforeTheFirstEventIs404() {
        gaia.on("POST", "/ask/stream").respond(404, "{\"message\":\"Dataset handbook not found\"}");
        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream").body(QUESTION)
                .post("/api/v1/ask/stream")
                .then().statusCode(404).body("detail", equalTo("Dataset handbook not found"));
    }

    @Test
    void browserLeavingClosesTheUpstreamConnection() throws Exception {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"first \"}")
                .pause(Duration.ofSeconds(10))
                .event("{\"responseString\":\"never read\"}")
                .thenEnd());
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "api/v1/ask/stream"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .header("X-Session-ID", session)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(QUESTION))).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null && !line.startsWith("data:")) {
            // skip to the first event
        }
        assertTrue(line != null && line.contains("first"), "first event arrived: " + line);
        response.body().close();

        assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(5)),
                "the service closed its Gaia connection when the browser left");
    }
}
