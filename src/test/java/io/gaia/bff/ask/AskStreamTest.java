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
import io.gaia.bff.support.StreamClient.Arrival;
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
    void wordsArriveOneByOneAndTheFinalEventIsNotLost() throws Exception {
        Map<String, Object> question = Map.of("datasetNames", List.of(handbook), "queryString", "How do I claim travel expenses?");
        List<Arrival> events = StreamClient.read(StreamClient.to(root), session, question);

        assertTrue(events.size() >= 4, "expected several events, got " + events.size());
        JsonNode last = JSON.readTree(events.get(events.size() - 1).data());
        assertTrue(last.hasNonNull("queryUid"), "final event carries queryUid: " + last);
        assertTrue(last.path("documents").isArray() && last.path("documents").size() > 0, "final event carries documents: " + last);

        // The simulator waits 15 ms between words; a buffered relay would deliver them all at once.
        long spreadMillis = (events.get(events.size() - 2).nanos() - events.get(0).nanos()) / 1_000_000;
        long expectedAtLeast = (events.size() - 2) * 15L / 2;
        assertTrue(spreadMillis >= expectedAtLeast,
                "events arrived over " + spreadMillis + " ms, expected at least " + expectedAtLeast + " ms");

        for (int i = 0; i < events.size(); i++) {
            assertEquals(String.valueOf(i + 1), events.get(i).id(), "events are numbered in order");
        }
    }

    @Test
    void streamedTextIsTheSameAnswerAsTheNonStreamingOne() throws Exception {
        Map<String, Object> question = Map.of("datasetNames", List.of(handbook), "queryString", "What is the on-call rotation?");
        List<Arrival> events = StreamClient.read(StreamClient.to(root), session, question);
        StringBuilder streamed = new StringBuilder();
        for (Arrival event : events) {
            JsonNode data = JSON.readTree(event.data());
            JsonNode increment = data.has("data") ? data.path("data").path("responseString") : data.path("responseString");
            if (increment.isTextual()) {
                streamed.append(increment.asText());
            }
        }
        String answer = Api.ask(session, question).then().statusCode(200).extract().path("response");
        assertEquals(answer.strip(), streamed.toString().strip());
    }

    @Test
    void streamIsServedUnbufferedAndUncached() {
        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("datasetNames", List.of(handbook), "queryString", "expenses"))
                .post("/api/v1/ask/stream")
                .then().statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .header("Cache-Control", "no-cache")
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
