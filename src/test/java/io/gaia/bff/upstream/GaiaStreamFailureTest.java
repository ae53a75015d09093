package io.gaia.bff.upstream;

import static io.gaia.bff.support.ApiDocument.assertEventsDocumented;
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
import io.gaia.bff.support.StreamClient.Frame;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.GaiaSamples;
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

    /** The events of a whole stream; comments (the opening one, heartbeats) are checked elsewhere. */
    private List<Frame> stream() {
        return StreamClient.events(StreamClient.read(root, session, QUESTION));
    }

    @Test
    void liveTenantShapeIsRelayedUnchanged() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"data\":{\"responseString\":\"Hello \"}}")
                .event("{\"data\":{\"responseString\":\"world\"}}")
                .raw("data: {\"data\":{\"queryUid\":\"q-1\",\"conversationId\":\"c-1\",\"documents\":[{\"documentId\":\"d1\"}]}}\n")
                .thenEnd());
        List<Frame> events = stream();
        assertEquals(List.of("{\"data\":{\"responseString\":\"Hello \"}}", "{\"data\":{\"responseString\":\"world\"}}",
                "{\"data\":{\"queryUid\":\"q-1\",\"conversationId\":\"c-1\",\"documents\":[{\"documentId\":\"d1\"}]}}",
                "{\"queryUid\":\"q-1\",\"conversationId\":\"c-1\"}"),
                events.stream().map(Frame::data).toList());
        assertEquals("done", events.get(3).name(), "the ids of the wrapped final event are found for done");
        assertEventsDocumented(events);
    }

    @Test
    void eventNamesPassThroughAndCommentsAreNotForwarded() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .comment("keep-alive")
                .event("progress", "{\"step\":1}")
                .comment("keep-alive")
                .event("{\"responseString\":\"hi\"}")
                .event(GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID))
                .thenEnd());
        List<Frame> events = stream();
        assertEquals(List.of("progress", "message", "message", "done"), events.stream().map(Frame::type).toList(),
                "Gaia's comments are not relayed as events: " + events);
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
        List<Frame> events = stream();
        assertEquals(4, events.size(), "three of Gaia's events and done: " + events);
        for (int i = 1; i < 3; i++) {
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
        List<Frame> events = stream();
        assertEquals("{\"responseString\":\"partial \"}", events.get(0).data());
        Frame last = events.get(events.size() - 1);
        assertEquals("error", last.name());
        JsonNode problem = JSON.readTree(last.data());
        assertEquals(502, problem.path("status").asInt());
        assertTrue(problem.path("detail").isTextual());
        assertEventsDocumented(events);
    }

    @Test
    void stalledStreamEndsWithATimeoutErrorEvent() throws Exception {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                .thenHang());
        long start = System.nanoTime();
        List<Frame> events = stream();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        Frame last = events.get(events.size() - 1);
        assertEquals("error", last.name());
        JsonNode problem = JSON.readTree(last.data());
        assertEquals("GAIA_TIMEOUT", problem.path("code").asText());
        assertTrue(problem.path("detail").asText().contains("sent nothing for 2 s"), problem.toString());
        assertTrue(tookMillis >= 1500 && tookMillis < 3900,
                "the 2 s silence limit, not the 4 s total limit, ended the stream; took " + tookMillis + " ms");
        assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(2)), "the silent Gaia call was closed");
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
    void gaiasErrorEventEndsTheStreamWithOneErrorOfOursCarryingGaiasMessage() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                .event("error", "{\"message\":\"LLM backend failed\",\"errorCode\":\"kInternal\"}")
                .event(GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID))
                .thenEnd());
        List<Frame> events = stream();
        assertEquals(List.of("message", "error"), events.stream().map(Frame::type).toList(), events.toString());
        JsonNode problem = readJson(events.get(1).data());
        assertEquals("GAIA_ERROR", problem.path("code").asText());
        assertTrue(problem.path("detail").asText().contains("LLM backend failed"), problem.toString());
    }

    @Test
    void anAnswerThatEndsWithoutGaiasFinalEventIsAnErrorNotDone() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                // The final event cut in the middle, and the body ends there.
                .raw("data: {\"queryUid\":\"q-1\",\"conver")
                .thenEnd());
        List<Frame> events = stream();
        assertEquals(List.of("message", "error"), events.stream().map(Frame::type).toList(), events.toString());
        assertEquals("GAIA_BAD_RESPONSE", readJson(events.get(1).data()).path("code").asText());
    }

    @Test
    void aBodyThatIsNoEventStreamAtAllIsAnErrorNotAnEmptyAnswer() {
        gaia.on("POST", "/ask/stream").respond(200, "<html><body>Maintenance</body></html>");
        List<Frame> events = stream();
        assertEquals(List.of("error"), events.stream().map(Frame::type).toList(), events.toString());
        assertEquals("GAIA_BAD_RESPONSE", readJson(events.get(0).data()).path("code").asText());
    }

    @Test
    void anEventThatIsNotJsonIsDroppedAndTheRestOfTheAnswerArrives() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"ok \"}")
                .event("this is not json")
                .event("{\"responseString\":\"named\"}")
                .event(GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID))
                .thenEnd());
        List<Frame> events = stream();
        assertEquals(List.of("{\"responseString\":\"ok \"}", "{\"responseString\":\"named\"}"),
                events.subList(0, 2).stream().map(Frame::data).toList(), events.toString());
        assertEquals(List.of("message", "message", "message", "done"), events.stream().map(Frame::type).toList());
    }

    @Test
    void anEventGaiaNamesDoneDoesNotEndTheStreamEarly() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"a \"}")
                .event("done", "{\"x\":1}")
                .event("{\"responseString\":\"b\"}")
                .event(GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID))
                .thenEnd());
        List<Frame> events = stream();
        assertEquals(List.of("message", "message", "message", "message", "done"),
                events.stream().map(Frame::type).toList(), events.toString());
        assertEquals("{\"x\":1}", events.get(1).data());
    }

    private static JsonNode readJson(String data) {
        try {
            return JSON.readTree(data);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + data, e);
        }
    }
}
