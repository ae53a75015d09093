package io.gaia.bff.upstream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Metrics;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.SseScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * However many answers arrive at once, the replica holds no more of them than GAIA_ANSWER_MEMORY_MB
 * (3 MiB here): the answer that would pass it is a 503 GAIA_BUSY with Retry-After and its connection
 * to Gaia is closed, the answers already held go on, and the memory comes back whenever an answer
 * ends, however it ends.
 */
@QuarkusTest
@TestProfile(AnswerMemoryTest.SmallAnswerMemory.class)
class AnswerMemoryTest {

    public static class SmallAnswerMemory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gaia.answer-memory-mb", "3",
                    "gaia.request-timeout", "10",
                    "stream.idle-timeout", "10");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> QUESTION = Map.of("datasetNames", List.of("handbook"), "queryString", "q");
    private static final String HELD = "bff_gaia_answer_memory_bytes";
    private static final String REFUSED_ASKS = "kind=\"busy\",operation=\"ask\"";
    private static final int TWO_MIB = 2 * 1024 * 1024;
    private static final String TWO_MIB_OF_TEXT = "x".repeat(TWO_MIB);
    private static final String TWO_MIB_ANSWER = "{\"responseString\":\"" + TWO_MIB_OF_TEXT + "\",\"documents\":[]}";

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

    @AfterEach
    void everyAnswersMemoryComesBack() {
        gaia.reset(); // closes whatever Gaia still holds open
        awaitHeld(held -> held == 0, "every answer's memory given back");
    }

    @Test
    void anAnswerThatWouldPassTheAnswerMemoryIsA503WhileTheAnswerHoldingItGoesOn() throws Exception {
        // A stream whose final event (the sources) is 2 MiB, sent in two parts 3 s apart: held in between.
        String sourcesStart = "{\"queryUid\":\"q-1\",\"conversationId\":\"c-1\",\"documents\":[{\"documentId\":\"d1\","
                + "\"citations\":[{\"textSnippet\":\"" + TWO_MIB_OF_TEXT;
        String sourcesEnd = "\"}]}]}";
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .raw("data: " + sourcesStart)
                .pause(Duration.ofSeconds(3))
                .raw(sourcesEnd + "\n\n")
                .thenEnd());
        // Gaia keeps the refused answer's connection open after it: only the service can close it.
        gaia.on("POST", "/ask").times(1).stream(SseScript.sse().raw(TWO_MIB_ANSWER).thenHang())
                .withContentType("application/json");
        gaia.on("POST", "/ask").stream(SseScript.sse().raw(TWO_MIB_ANSWER)).withContentType("application/json");
        double refusedBefore = Metrics.value("gaia_errors_total", REFUSED_ASKS);
        try (StreamClient stream = StreamClient.open(root, session, QUESTION)) {
            assertEquals(200, stream.status());
            awaitHeld(held -> held >= TWO_MIB, "the stream's unfinished event held");

            Api.ask(session, QUESTION).then().statusCode(503)
                    .header("Retry-After", "1")
                    .body("code", equalTo("GAIA_BUSY"))
                    .body("detail", equalTo("This service holds as much of Gaia's answers as its memory allows; "
                            + "try again shortly"))
                    .time(lessThan(2L), TimeUnit.SECONDS);
            assertTrue(gaia.awaitClientClosed("/ask", Duration.ofSeconds(2)), "the refused answer's connection closed");
            assertEquals(refusedBefore + 1, Metrics.value("gaia_errors_total", REFUSED_ASKS), "the refusal counted");

            List<Frame> events = StreamClient.events(stream.readToEnd());
            assertEquals(List.of("message", "done"), events.stream().map(Frame::type).toList());
            assertTrue((sourcesStart + sourcesEnd).equals(events.get(0).data()), "the stream's 2 MiB event arrived whole");
        }

        awaitHeld(held -> held == 0, "the stream's memory given back when it ended");
        String answer = Api.ask(session, QUESTION).then().statusCode(200).extract().path("response");
        assertTrue(TWO_MIB_OF_TEXT.equals(answer), "the 2 MiB answer read whole");
    }

    @Test
    void aStreamedEventThatWouldPassTheAnswerMemoryEndsItsStreamWithGaiaBusy() throws Exception {
        gaia.on("POST", "/ask").stream(SseScript.sse().raw(TWO_MIB_ANSWER.substring(0, TWO_MIB)).thenHang())
                .withContentType("application/json");
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                .raw("data: {\"responseString\":\"" + TWO_MIB_OF_TEXT)
                .thenHang());
        CompletableFuture<Response> heldAsk = CompletableFuture.supplyAsync(() -> Api.ask(session, QUESTION));
        awaitHeld(held -> held >= TWO_MIB, "the JSON answer held while it arrives");

        List<Frame> events = StreamClient.events(StreamClient.read(root, session, QUESTION));
        assertEquals(List.of("message", "error"), events.stream().map(Frame::type).toList(), events.toString());
        JsonNode problem = JSON.readTree(events.get(1).data());
        assertEquals("GAIA_BUSY", problem.path("code").asText(), problem.toString());
        assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(2)), "the stream's connection to Gaia closed");

        gaia.reset(); // Gaia drops the held answer's connection
        assertEquals(502, heldAsk.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void aBrowserThatLeavesMidEventGivesItsMemoryBack() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse().raw("data: {\"responseString\":\"" + TWO_MIB_OF_TEXT).thenHang());
        try (StreamClient stream = StreamClient.open(root, session, QUESTION)) {
            assertEquals(200, stream.status());
            awaitHeld(held -> held >= TWO_MIB, "the stream's unfinished event held");
        }
        awaitHeld(held -> held == 0, "the memory given back when the browser left, while Gaia still holds the answer open");
    }

    @Test
    void anAnswerDeclaredLargerThanTheWholeAnswerMemoryIsRefusedBeforeItIsRead() {
        gaia.on("POST", "/ask").respondDeclaring(200, 4L * 1024 * 1024, "{\"responseString\":\"");
        Api.ask(session, QUESTION).then().statusCode(503)
                .header("Retry-After", "1")
                .body("code", equalTo("GAIA_BUSY"))
                .time(lessThan(2L), TimeUnit.SECONDS);
        assertTrue(gaia.awaitClientClosed("/ask", Duration.ofSeconds(2)), "the connection to Gaia was closed");
    }

    @Test
    void theMemoryAndItsLimitAreMetrics() {
        assertEquals(3.0 * 1024 * 1024, Metrics.value("bff_gaia_answer_memory_limit_bytes", ""));
        assertEquals(0.0, Metrics.value(HELD, ""));
    }

    private static void awaitHeld(DoublePredicate expected, String what) {
        await(what).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> Metrics.value(HELD, ""), expected::test);
    }
}
