package io.gaia.bff.simulator;

import static io.gaia.bff.simulator.DatasetsResourceTest.gaia;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class AskStreamTest {

    static final String QUESTION = "{\"datasetNames\":[\"northwind-incidents\"],"
            + "\"queryString\":\"What caused the March database outage?\"}";
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/gaia-sim/ask/stream")
    URI streamUri;

    @Test
    void streamIsWordEventsThenAFinalEventWithoutTheTrailingBlankLine() throws Exception {
        Response response = gaia().contentType(ContentType.JSON).accept("text/event-stream").body(QUESTION)
                .when().post("/gaia-sim/ask/stream");
        String body = response.asString();

        assertEquals(200, response.statusCode());
        assertTrue(response.contentType().startsWith("text/event-stream"), response.contentType());
        assertTrue(body.endsWith("}\n"), "final event ends with a single newline");
        assertFalse(body.endsWith("\n\n"), "final event is not followed by a blank line");

        List<String> events = Arrays.asList(body.split("\n\n", -1));
        assertTrue(events.size() > 10, "one event per word: " + events.size());
        StringBuilder answer = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            assertTrue(event.startsWith("data: {\"responseString\":"), event);
            assertFalse(event.contains("\n"), "one data line per event: " + event);
            answer.append(JSON.readTree(event.substring("data: ".length())).get("responseString").asText());
        }
        String last = events.get(events.size() - 1);
        assertTrue(last.startsWith("data: ") && last.indexOf('\n') == last.length() - 1, last);
        JsonNode closing = JSON.readTree(last.substring("data: ".length()).strip());
        assertTrue(closing.get("queryUid").asText().matches(AskResourceTest.UUID));
        assertTrue(closing.get("conversationId").asText().matches(AskResourceTest.UUID));
        assertEquals("What caused the March database outage?", closing.get("conversationName").asText());
        assertEquals("stop", closing.get("finishReason").asText());
        assertEquals("2024-03-12-orders-database-outage.md", closing.get("documents").get(0).get("name").asText());
        assertTrue(closing.get("documents").get(0).get("citations").get(0).has("textSnippet"));

        // The increments add up to exactly the answer /ask gives for the same question.
        Map<String, Object> sameQuestion = JSON.readValue(QUESTION, new TypeReference<>() {
        });
        String whole = AskResourceTest.ask(sameQuestion).getString("responseString");
        assertEquals(whole, answer.toString());
    }

    @Test
    void wordsArriveOverTimeNotAllAtOnce() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(streamUri)
                .header("apiKey", "gaia-demo-key")
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(QUESTION))
                .build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());

        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    arrivals.add(System.nanoTime());
                }
            }
        }

        // 15 ms between words in the test profile: buffered output would arrive in one burst.
        long spreadMillis = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1_000_000;
        long minimum = (arrivals.size() - 2) * 15L / 2;
        assertTrue(arrivals.size() > 10, "events: " + arrivals.size());
        assertTrue(spreadMillis >= minimum, "events spread over " + spreadMillis + " ms, expected at least " + minimum);
    }

    @Test
    void errorsArriveAsJsonBeforeAnyEvent() {
        gaia().contentType(ContentType.JSON).accept("text/event-stream")
                .body("{\"datasetNames\":[\"ghost\"],\"queryString\":\"hi\"}")
                .when().post("/gaia-sim/ask/stream")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("errorCode", is("kNotFound"));
        gaia().contentType(ContentType.JSON).accept("text/event-stream")
                .body("not json")
                .when().post("/gaia-sim/ask/stream")
                .then().statusCode(400)
                .body("message", startsWith("Malformed JSON request body"));
    }
}
