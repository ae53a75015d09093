package io.gaia.bff.ask;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AskStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    String session;
    String handbook;

    @BeforeEach
    void login() {
        session = Api.login(Simulator.demoKey());
        handbook = Simulator.datasetContaining("handbook");
    }

    @Test
    void wordsArriveOneByOneAndTheStreamEndsWithDone() throws Exception {
        Map<String, Object> question = Map.of("datasetNames", List.of(handbook), "queryString", "How do I claim travel expenses?");
        List<Frame> frames = StreamClient.read(root, session, question);
        List<Frame> events = StreamClient.events(frames);

        assertEquals("stream open", frames.get(0).comment(), "the stream opens with a comment before any event");
        assertTrue(events.size() >= 5, "expected several events, got " + events.size());
        Frame done = events.get(events.size() - 1);
        assertEquals("done", done.name(), "the last event says the answer is complete");
        JsonNode last = JSON.readTree(events.get(events.size() - 2).data());
        assertTrue(last.hasNonNull("queryUid"), "Gaia's final event carries queryUid: " + last);
        assertTrue(last.path("documents").isArray() && last.path("documents").size() > 0, "and documents: " + last);
        JsonNode doneIds = JSON.readTree(done.data());
        assertEquals(last.path("queryUid").asText(), doneIds.path("queryUid").asText());
        assertEquals(last.path("conversationId").asText(), doneIds.path("conversationId").asText());

        // The simulator waits 15 ms between words; a buffered relay would deliver them all at once.
        long spreadMillis = (events.get(events.size() - 3).nanos() - events.get(0).nanos()) / 1_000_000;
        long expectedAtLeast = (events.size() - 3) * 15L / 2;
        assertTrue(spreadMillis >= expectedAtLeast,
                "events arrived over " + spreadMillis + " ms, expected at least " + expectedAtLeast + " ms");

        for (int i = 0; i < events.size(); i++) {
            assertEquals(String.valueOf(i + 1), events.get(i).id(), "events are numbered in order");
        }
    }

    @Test
    void aClientThatSendsAcceptJsonOnEveryCallStillGetsTheStream() {
        // A fetch wrapper setting Accept: application/json on every request is common; the stream is
        // the only thing this route answers, so it is not refused with a 406.
        Map<String, Object> question = Map.of("datasetNames", List.of(handbook), "queryString", "How do I claim travel expenses?");
        Api.as(session).accept("application/json").contentType("application/json").body(question)
                .post("/api/v1/ask/stream")
                .then().statusCode(200).contentType("text/event-stream")
                .body(containsString("event: done"));
    }

    @Test
    void streamedTextIsTheSameAnswerAsTheNonStreamingOne() throws Exception {
        Map<String, Object> question = Map.of("datasetNames", List.of(handbook), "queryString", "What is the on-call rotation?");
        String streamed = textOf(StreamClient.events(StreamClient.read(root, session, question)));
        String answer = Api.ask(session, question).then().statusCode(200).extract().path("response");
        assertEquals(answer.strip(), streamed.strip());
    }

    static String textOf(List<Frame> events) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Frame event : events) {
            if (!"message".equals(event.type())) {
                continue;
            }
            JsonNode data = JSON.readTree(event.data());
            JsonNode increment = data.has("data") ? data.path("data").path("responseString") : data.path("responseString");
            if (increment.isTextual()) {
                text.append(increment.asText());
            }
        }
        return text.toString();
    }

    @Test
    void streamIsServedUnbufferedUncachedAndUntransformed() {
        // no-transform: the compression in front of a dev server's proxy (webpack-dev-server, Next.js)
        // skips such a response; gzipped, the stream reached the page in one burst at its end.
        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("datasetNames", List.of(handbook), "queryString", "expenses"))
                .post("/api/v1/ask/stream")
                .then().statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .header("Cache-Control", "no-store, no-transform")
                .header("X-Accel-Buffering", "no")
                .body(containsString("queryUid"));
    }

    @Test
    void unknownDatasetIsAPlain404NotAStream() {
        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("datasetNames", List.of("no-such-dataset"), "queryString", "anything"))
                .post("/api/v1/ask/stream")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void invalidBodyIsAPlain400NotAStream() {
        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("datasetNames", List.of(), "queryString", ""))
                .post("/api/v1/ask/stream")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void streamWithoutSessionIsAPlain401() {
        io.restassured.RestAssured.given().contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("datasetNames", List.of(handbook), "queryString", "q"))
                .post("/api/v1/ask/stream")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("SESSION_REQUIRED"));
    }
}
