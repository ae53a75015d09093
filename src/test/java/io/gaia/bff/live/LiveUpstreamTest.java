package io.gaia.bff.live;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.LiveClient;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.FakeGaiaProfile;
import io.gaia.bff.session.SessionStore;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.GaiaSamples;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.SseScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/** /api/v1/ws when Gaia streams in its various ways, breaks, or is left behind by the client. */
@QuarkusTest
@TestProfile(FakeGaiaProfile.class)
class LiveUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DATASETS = List.of("engineering-docs");
    private static final String STREAM = "/ask/stream";

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    Vertx vertx;

    @Inject
    SessionStore sessionStore;

    @TestHTTPResource("/api/v1/ws")
    URI endpoint;

    String session;
    final List<LiveClient> clients = new ArrayList<>();

    @BeforeEach
    void login() {
        gaia.reset();
        session = Api.login(FakeGaia.GOOD_API_KEY);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(LiveClient::close);
        gaia.reset();
    }

    private LiveClient ready() {
        LiveClient client = LiveClient.connect(vertx, endpoint);
        clients.add(client);
        client.authenticate(session);
        return client;
    }

    /** Gaia sends a first word, then keeps the answer coming for longer than any test waits. */
    private void gaiaStallsAfterTheFirstWord() {
        gaia.on("POST", STREAM).times(1).stream(SseScript.sse()
                .event("{\"responseString\":\"first \"}")
                .pause(Duration.ofSeconds(10))
                .event("{\"responseString\":\"never sent\"}")
                .thenEnd());
    }

    private static JsonNode last(List<JsonNode> messages) {
        return messages.get(messages.size() - 1);
    }

    private static JsonNode isDelta(JsonNode message, String id) {
        assertEquals("delta", message.path("type").asText(), "expected a delta: " + message);
        assertEquals(id, message.path("id").asText());
        return message;
    }

    @Test
    void doneCarriesGaiasIdsAndDocumentsUnchanged() throws Exception {
        LiveClient client = ready();
        client.ask("q1", DATASETS, "When do backups run?");

        List<JsonNode> messages = client.awaitEnd("q1");

        StringBuilder text = new StringBuilder();
        messages.subList(0, messages.size() - 1).forEach(m -> text.append(isDelta(m, "q1").path("text").asText()));
        assertEquals(GaiaSamples.ANSWER, text.toString());
        JsonNode done = last(messages);
        assertEquals("done", done.path("type").asText());
        assertEquals(GaiaSamples.QUERY_UID, done.path("queryUid").asText());
        assertEquals(GaiaSamples.CONVERSATION_ID, done.path("conversationId").asText());
        assertEquals(JSON.readTree("[" + GaiaSamples.DOCUMENT + "]"), done.path("documents"));
        JsonNode sent = JSON.readTree(gaia.lastRequest().body());
        assertEquals("When do backups run?", sent.path("queryString").asText(), "the question reached Gaia: " + sent);
        assertEquals(FakeGaia.GOOD_API_KEY, gaia.lastRequest().header("apiKey"), "with the session's key");
    }

    @Test
    void conversationIdIsPassedOnToContinueTheConversation() {
        LiveClient client = ready();
        client.send(Map.of("type", "ask", "id", "follow-up", "datasetNames", DATASETS, "queryString", "And on weekends?",
                "conversationId", "conv-earlier"));

        JsonNode done = last(client.awaitEnd("follow-up"));

        assertEquals("conv-earlier", done.path("conversationId").asText());
    }

    @Test
    void conversationIdSpelledAsTheHttpAnswerSpellsItAlsoContinuesTheConversation() throws Exception {
        LiveClient client = ready();
        client.send(Map.of("type", "ask", "id", "follow-up", "datasetNames", DATASETS, "queryString", "And on weekends?",
                "conversation_id", "conv-earlier"));

        JsonNode done = last(client.awaitEnd("follow-up"));

        assertEquals("conv-earlier", done.path("conversationId").asText());
        assertEquals("conv-earlier", JSON.readTree(gaia.lastRequest().body()).path("conversationId").asText());
    }

    @Test
    void liveTenantPayloadsAreUnwrapped() throws Exception {
        gaia.on("POST", STREAM).stream(SseScript.live("Hello ", "world"));
        LiveClient client = ready();
        client.ask("q1", DATASETS, "q");

        List<JsonNode> messages = client.awaitEnd("q1");

        assertEquals(3, messages.size(), "two deltas and done: " + messages);
        assertEquals("Hello ", isDelta(messages.get(0), "q1").path("text").asText());
        assertEquals("world", isDelta(messages.get(1), "q1").path("text").asText());
        assertEquals(GaiaSamples.QUERY_UID, messages.get(2).path("queryUid").asText());
        assertEquals(JSON.readTree("[" + GaiaSamples.DOCUMENT + "]"), messages.get(2).path("documents"));
    }

    @Test
    void cancelStopsOneAskAndClosesItsGaiaConnectionWhileTheSocketStaysUsable() {
        gaiaStallsAfterTheFirstWord();
        LiveClient client = ready();
        client.ask("slow", DATASETS, "q");
        client.await(m -> m.path("type").asText().equals("delta"), "the first word");

        client.cancel("slow");

        assertEquals("cancelled", last(client.awaitEnd("slow")).path("type").asText());
        assertTrue(gaia.awaitClientClosed(STREAM, Duration.ofSeconds(5)),
                "the service closed its Gaia connection before Gaia finished");
        client.ask("next", DATASETS, "q");
        assertEquals("done", last(client.awaitEnd("next")).path("type").asText());
        List<JsonNode> slow = client.messagesFor("slow");
        assertEquals("cancelled", last(slow).path("type").asText(), "nothing more came for the cancelled ask: " + slow);
    }

    @Test
    void closingTheSocketClosesTheGaiaConnectionOfEveryRunningAsk() {
        gaiaStallsAfterTheFirstWord();
        LiveClient client = ready();
        client.ask("slow", DATASETS, "q");
        client.await(m -> m.path("type").asText().equals("delta"), "the first word");

        client.close();

        assertTrue(gaia.awaitClientClosed(STREAM, Duration.ofSeconds(5)),
                "the service closed its Gaia connection when the socket closed");
    }

    @Test
    void gaiaCuttingTheStreamEndsThatAskWithAnError() {
        gaia.on("POST", STREAM).times(1).stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                .pause(Duration.ofMillis(100))
                .thenCut());
        LiveClient client = ready();
        client.ask("cut", DATASETS, "q");

        List<JsonNode> messages = client.awaitEnd("cut");

        assertEquals("partial ", isDelta(messages.get(0), "cut").path("text").asText());
        JsonNode error = last(messages);
        assertEquals("error", error.path("type").asText());
        assertEquals("GAIA_BAD_RESPONSE", error.path("code").asText());
        assertTrue(error.path("detail").isTextual());
        client.ask("after", DATASETS, "q");
        assertEquals("done", last(client.awaitEnd("after")).path("type").asText());
    }

    @Test
    void gaiaRefusingTheQuestionIsAnErrorForThatAskOnly() {
        gaia.on("POST", STREAM).times(1).respond(503, "{\"message\":\"cluster down\"}");
        LiveClient client = ready();
        client.ask("refused", DATASETS, "q");

        JsonNode error = last(client.awaitEnd("refused"));

        assertEquals("error", error.path("type").asText());
        assertEquals("GAIA_UNAVAILABLE", error.path("code").asText());
        assertTrue(error.path("detail").asText().contains("cluster down"), error.toString());
        assertFalse(client.isClosed());
    }

    @Test
    void keyRevokedUpstreamEndsTheSessionAndClosesTheSocket() {
        gaia.on("POST", STREAM).respond(401, GaiaSamples.UNAUTHORIZED);
        LiveClient client = ready();
        client.ask("revoked", DATASETS, "q");

        JsonNode error = last(client.awaitEnd("revoked"));

        assertEquals("SESSION_INVALID", error.path("code").asText());
        LiveClient.Closed closed = client.awaitClose();
        assertEquals((short) 1008, closed.code());
        assertTrue(closed.reason().startsWith("SESSION_INVALID: "), closed.reason());
        assertFalse(closed.reason().contains(FakeGaia.GOOD_API_KEY) || error.toString().contains(FakeGaia.GOOD_API_KEY));
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    @Test
    void anEmojiGaiaSplitsAcrossTwoEventsArrivesWhole() {
        gaia.on("POST", STREAM).times(1).stream(SseScript.sse()
                .event("{\"responseString\":\"smile \\ud83d\"}")
                .event("{\"responseString\":\"\\ude00 ok\"}")
                .event(GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID))
                .thenEnd());
        LiveClient client = ready();
        client.ask("emoji", DATASETS, "q");

        List<JsonNode> messages = client.awaitEnd("emoji");

        StringBuilder text = new StringBuilder();
        messages.subList(0, messages.size() - 1).forEach(m -> text.append(isDelta(m, "emoji").path("text").asText()));
        assertEquals("smile \uD83D\uDE00 ok", text.toString());
    }

    @Test
    void textInGaiasFinalEventIsPartOfTheAnswer() {
        gaia.on("POST", STREAM).times(1).stream(SseScript.sse()
                .event("{\"responseString\":\"first \"}")
                .event("{\"responseString\":\"last.\",\"queryUid\":\"q-9\",\"documents\":[]}")
                .thenEnd());
        LiveClient client = ready();
        client.ask("q1", DATASETS, "q");

        List<JsonNode> messages = client.awaitEnd("q1");

        assertEquals(List.of("first ", "last."), messages.subList(0, messages.size() - 1).stream()
                .map(m -> isDelta(m, "q1").path("text").asText()).toList());
        assertEquals("q-9", last(messages).path("queryUid").asText());
    }

    @Test
    void gaiasErrorEventEndsThatAskWithAnErrorAndNoDone() {
        gaia.on("POST", STREAM).times(1).stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                .event("error", "{\"message\":\"LLM backend failed\"}")
                .thenEnd());
        LiveClient client = ready();
        client.ask("failed", DATASETS, "q");

        List<JsonNode> messages = client.awaitEnd("failed");

        JsonNode error = last(messages);
        assertEquals("error", error.path("type").asText(), messages.toString());
        assertEquals("GAIA_ERROR", error.path("code").asText());
        assertTrue(error.path("detail").asText().contains("LLM backend failed"), error.toString());
    }

    @Test
    void anAnswerThatEndsWithoutGaiasFinalEventIsAnErrorNotDone() {
        gaia.on("POST", STREAM).times(1).stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                .thenEnd());
        LiveClient client = ready();
        client.ask("short", DATASETS, "q");

        JsonNode end = last(client.awaitEnd("short"));

        assertEquals("error", end.path("type").asText(), end.toString());
        assertEquals("GAIA_BAD_RESPONSE", end.path("code").asText());
    }

    /** Ended where this instance is not told (another replica, or found expired): learnt at the next message. */
    @Test
    void aSessionThatEndsWhileAnAskRunsEndsThatAskByItsIdBeforeTheSocketCloses() {
        gaiaStallsAfterTheFirstWord();
        LiveClient client = ready();
        client.ask("running", DATASETS, "q");
        client.await(m -> m.path("type").asText().equals("delta"), "the first word");
        assertTrue(sessionStore.delete(session).await().indefinitely());

        client.ask("next", DATASETS, "q");

        JsonNode end = last(client.awaitEnd("running"));
        assertEquals("error", end.path("type").asText(), end.toString());
        assertEquals("SESSION_INVALID", end.path("code").asText());
        assertEquals((short) 1008, client.awaitClose().code());
    }
}
