package io.gaia.bff.live;

import static io.gaia.bff.support.ApiDocument.assertLiveMessagesDocumented;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
import io.gaia.bff.ask.OpenStreams;
import io.gaia.bff.session.Clock;
import io.gaia.bff.session.SessionStore;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.MovableClock;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.core.Vertx;

/** /api/v1/ws against the in-process Gaia simulator (words 15 ms apart). */
@QuarkusTest
class LiveSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "How do I claim travel expenses?";

    @Inject
    Vertx vertx;

    @Inject
    OpenStreams openStreams;

    @Inject
    SessionStore sessionStore;

    @TestHTTPResource("/api/v1/ws")
    URI endpoint;

    MovableClock clock;
    String session;
    String handbook;
    final List<LiveClient> clients = new ArrayList<>();

    @BeforeEach
    void login() {
        clock = new MovableClock();
        QuarkusMock.installMockForType(clock, Clock.class);
        session = Api.login(Simulator.demoKey());
        handbook = Simulator.datasetContaining("handbook");
    }

    @AfterEach
    void closeClients() {
        clients.forEach(LiveClient::close);
    }

    private LiveClient connect() {
        LiveClient client = LiveClient.connect(vertx, endpoint);
        clients.add(client);
        return client;
    }

    private LiveClient ready() {
        LiveClient client = connect();
        client.authenticate(session);
        return client;
    }

    private static String text(List<JsonNode> messages) {
        StringBuilder answer = new StringBuilder();
        for (JsonNode message : messages) {
            if (message.path("type").asText().equals("delta")) {
                answer.append(message.path("text").asText());
            }
        }
        return answer.toString();
    }

    private static JsonNode last(List<JsonNode> messages) {
        return messages.get(messages.size() - 1);
    }

    /** Proves the socket still serves asks: one starts streaming, and is cancelled to save time. */
    private void assertStillAnswers(LiveClient client) {
        String id = "probe-" + System.nanoTime();
        client.ask(id, List.of(handbook), QUESTION);
        client.await(m -> id.equals(m.path("id").asText()) && m.path("type").asText().equals("delta"), "an answer streaming");
        client.cancel(id);
        assertEquals("cancelled", last(client.awaitEnd(id)).path("type").asText());
        assertFalse(client.isClosed());
    }

    @Test
    void authIsAnsweredWithReadyAndTheSessionsExpiry() {
        JsonNode ready = connect().authenticate(session);
        String expiresAt = Api.as(session).get("/api/v1/session").then().statusCode(200).extract().path("expires_at");
        assertEquals(Instant.parse(expiresAt), Instant.parse(ready.path("expiresAt").asText()));
    }

    @Test
    void askStreamsDeltasThenDoneWhoseTextIsTheHttpAnswer() throws Exception {
        ExtractableResponse<Response> http = Api.ask(session, Map.of("datasetNames", List.of(handbook), "queryString", QUESTION))
                .then().statusCode(200).extract();
        LiveClient client = ready();

        client.ask("q1", List.of(handbook), QUESTION);
        List<JsonNode> messages = client.awaitEnd("q1");

        JsonNode done = last(messages);
        assertEquals("done", done.path("type").asText(), "last message: " + done);
        List<JsonNode> deltas = messages.subList(0, messages.size() - 1);
        assertTrue(deltas.size() > 1, "the answer came in pieces: " + messages);
        deltas.forEach(delta -> assertEquals("delta", delta.path("type").asText(), "before done: " + delta));
        assertEquals(http.path("response"), text(messages));
        assertTrue(done.path("queryUid").isTextual(), "done has Gaia's queryUid: " + done);
        assertTrue(done.path("conversationId").isTextual(), "done has the conversationId: " + done);
        assertEquals(JSON.readTree(http.body().asString()).path("documents"), done.path("documents"),
                "documents are Gaia's, unchanged");
    }

    @Test
    void everyMessageTheSocketSendsIsOneTheApiDocumentDescribes() {
        LiveClient client = ready();
        client.ask("answered", List.of(handbook), QUESTION);
        assertEquals("done", last(client.awaitEnd("answered")).path("type").asText());
        client.ask("stopped", List.of(handbook), QUESTION);
        client.cancel("stopped");
        client.awaitEnd("stopped");
        client.send(Map.of("type", "ask", "id", "invalid", "datasetNames", List.of(handbook), "queryString", " "));
        client.awaitEnd("invalid");
        client.send(Map.of("type", "shout"));
        client.await(m -> m.path("type").asText().equals("error") && !m.has("id"), "an error about the message");
        // The cancel may cross the answer's done; either way the ask ends with a message of the document's.
        List<String> types = client.all().stream().map(m -> m.path("type").asText()).distinct().toList();
        assertTrue(types.containsAll(List.of("ready", "delta", "done", "error")), "the kinds of message checked: " + types);
        assertLiveMessagesDocumented(client.all());
    }

    @Test
    void twoAsksOnOneSocketStreamAtOnceEachUnderItsOwnId() {
        LiveClient client = ready();
        client.ask("first", List.of(handbook), QUESTION);
        client.ask("second", List.of(handbook), "How many days of annual leave do I get?");

        List<JsonNode> first = client.awaitEnd("first");
        List<JsonNode> second = client.awaitEnd("second");

        assertEquals("done", last(first).path("type").asText());
        assertEquals("done", last(second).path("type").asText());
        assertFalse(text(first).isEmpty());
        assertFalse(text(second).isEmpty());
        List<JsonNode> all = client.all();
        assertTrue(all.indexOf(second.get(0)) < all.indexOf(last(first)),
                "the second answer started before the first ended: " + all);
    }

    @Test
    void anAskHoldsAStreamSlotUntilItEnds() {
        int before = openStreams.count();
        LiveClient client = ready();
        client.ask("q1", List.of(handbook), QUESTION);
        client.await(m -> m.path("type").asText().equals("delta"), "the first delta");
        assertEquals(before + 1, openStreams.count());
        client.cancel("q1");
        client.awaitEnd("q1");
        await().atMost(Duration.ofSeconds(2)).until(() -> openStreams.count() == before);
    }

    @Test
    void pagesFromAnAllowedOriginMayConnect() {
        LiveClient client = LiveClient.connect(vertx, endpoint, "http://localhost:5173");
        clients.add(client);
        client.authenticate(session);
    }

    @Test
    void pagesFromOtherOriginsAreRefused() {
        AssertionError refused = assertThrows(AssertionError.class,
                () -> clients.add(LiveClient.connect(vertx, endpoint, "https://evil.example")));
        assertTrue(String.valueOf(refused.getCause()).contains("403"), String.valueOf(refused.getCause()));
    }

    @Test
    void invalidSessionClosesTheSocketWithItsReason() {
        String unknown = "x".repeat(43);
        LiveClient client = connect();
        client.send(Map.of("type", "auth", "sessionId", unknown));

        JsonNode error = client.next();
        assertEquals("error", error.path("type").asText());
        assertEquals("SESSION_INVALID", error.path("code").asText());
        LiveClient.Closed closed = client.awaitClose();
        assertEquals((short) 1008, closed.code());
        assertTrue(closed.reason().startsWith("SESSION_INVALID: "), closed.reason());
        assertFalse(closed.reason().contains(unknown) || error.toString().contains(unknown), "the session id is not echoed");
    }

    @Test
    void authWithAQuotedSessionIdNamesTheAuthMessageNotTheHeader() {
        // The id kept with JSON.stringify; the socket never reads X-Session-ID, so the detail must not send the developer there.
        LiveClient client = connect();
        client.send(Map.of("type", "auth", "sessionId", "\"" + session + "\""));
        JsonNode error = client.next();
        assertEquals("SESSION_INVALID", error.path("code").asText());
        assertTrue(error.path("detail").asText().startsWith(
                "The auth message's sessionId does not hold a session id from /login (it is in quotes)"), error.toString());
        assertFalse(error.toString().contains(session), "the session id is not echoed");
        client.awaitClose();
    }

    @Test
    void openingTheSocketsUrlWithoutAHandshakeSaysHowToOpenIt() {
        // A page load of the URL, or fetch() where new WebSocket() was meant.
        given().get("/api/v1/ws")
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("detail", equalTo("No such resource: /api/v1/ws answers WebSocket connections only; "
                        + "open it with new WebSocket(\"ws://<host>/api/v1/ws\")"));
    }

    @Test
    void authWithoutSessionIdClosesTheSocket() {
        LiveClient client = connect();
        client.send(Map.of("type", "auth"));
        assertEquals("SESSION_REQUIRED", client.next().path("code").asText());
        assertTrue(client.awaitClose().reason().startsWith("SESSION_REQUIRED: "));
    }

    @Test
    void anyOtherFirstMessageClosesTheSocket() {
        LiveClient client = connect();
        client.ask("q1", List.of(handbook), QUESTION);

        JsonNode error = client.next();
        assertEquals("SESSION_REQUIRED", error.path("code").asText());
        LiveClient.Closed closed = client.awaitClose();
        assertEquals((short) 1008, closed.code());
        assertTrue(closed.reason().startsWith("SESSION_REQUIRED: Authenticate first"), closed.reason());
    }

    @Test
    void malformedFirstMessageClosesTheSocket() {
        LiveClient client = connect();
        client.sendRaw("hello");
        assertEquals("MALFORMED_JSON", client.next().path("code").asText());
        assertTrue(client.awaitClose().reason().startsWith("MALFORMED_JSON: "));
    }

    @Test
    void malformedJsonIsAnErrorAndTheSocketStaysUsable() {
        LiveClient client = ready();
        client.sendRaw("{\"type\": \"ask\", ");

        JsonNode error = client.next();
        assertEquals("error", error.path("type").asText());
        assertEquals("MALFORMED_JSON", error.path("code").asText());
        assertTrue(error.path("detail").asText().contains("not valid JSON"), error.toString());

        assertStillAnswers(client);
    }

    @Test
    void aBinaryMessageIsAnErrorAskingForTextAndTheSocketStaysUsable() throws Exception {
        LiveClient client = ready();
        // A valid ask, as ws.send(new Blob([JSON.stringify(ask)])) would send it.
        client.sendBinary(JSON.writeValueAsBytes(Map.of("type", "ask", "id", "b1", "datasetNames", List.of(handbook),
                "queryString", QUESTION)));

        JsonNode error = client.next();
        assertEquals("error", error.path("type").asText());
        assertEquals("MALFORMED_JSON", error.path("code").asText());
        assertTrue(error.path("detail").asText().contains("text message"), error.toString());

        assertStillAnswers(client);
    }

    @Test
    void aBinaryFirstMessageClosesTheSocketAtOnce() throws Exception {
        LiveClient client = connect();
        client.sendBinary(JSON.writeValueAsBytes(Map.of("type", "auth", "sessionId", session)));

        assertEquals("MALFORMED_JSON", client.next().path("code").asText());
        LiveClient.Closed closed = client.awaitClose();
        assertEquals((short) 1008, closed.code());
        assertTrue(closed.reason().startsWith("MALFORMED_JSON: "), closed.reason());
    }

    @Test
    void unknownTypeIsAnErrorNamingTheTypeAndTheSocketStaysUsable() {
        LiveClient client = ready();
        client.send(Map.of("type", "subscribe", "id", "x1"));

        JsonNode error = client.next();
        assertEquals("VALIDATION_FAILED", error.path("code").asText());
        assertEquals("x1", error.path("id").asText(), "the id is echoed when it could be read");
        assertEquals("type", error.path("errors").path(0).path("field").asText());
        assertTrue(error.path("detail").asText().contains("'type'"), error.toString());

        assertStillAnswers(client);
    }

    @Test
    void messagesWithoutTypeOrIdOrOfTheWrongShapeAreErrorsNamingTheProblem() {
        LiveClient client = ready();
        client.send(Map.of("id", "x1"));
        assertTrue(client.next().path("detail").asText().contains("'type' is required"));
        client.send(Map.of("type", 7));
        assertTrue(client.next().path("detail").asText().contains("'type' must be a string"));
        client.sendRaw("[1, 2]");
        JsonNode notAnObject = client.next();
        assertEquals("VALIDATION_FAILED", notAnObject.path("code").asText());
        assertTrue(notAnObject.path("detail").asText().contains("JSON object"));
        client.send(Map.of("type", "ask", "datasetNames", List.of(handbook), "queryString", QUESTION));
        JsonNode noId = client.next();
        assertEquals("VALIDATION_FAILED", noId.path("code").asText());
        assertEquals("id", noId.path("errors").path(0).path("field").asText());
        client.send(Map.of("type", "cancel", "id", 42));
        assertTrue(client.next().path("detail").asText().contains("'id' must be a string"));
        assertStillAnswers(client);
    }

    @Test
    void invalidAskIsAnErrorNamingTheFieldLikeTheHttpAsk() {
        LiveClient client = ready();
        client.send(Map.of("type", "ask", "id", "blank", "datasetNames", List.of(handbook), "queryString", "  "));
        JsonNode blank = client.next();
        assertEquals("error", blank.path("type").asText());
        assertEquals("blank", blank.path("id").asText());
        assertEquals("VALIDATION_FAILED", blank.path("code").asText());
        assertEquals("queryString", blank.path("errors").path(0).path("field").asText());
        assertTrue(blank.path("detail").asText().contains("queryString"), blank.toString());

        client.send(Map.of("type", "ask", "id", "element", "datasetNames", List.of(handbook, " "), "queryString", "q"));
        assertEquals("datasetNames[1]", client.next().path("errors").path(0).path("field").asText());

        client.send(Map.of("type", "ask", "id", "empty", "datasetNames", List.of(), "queryString", "q"));
        assertEquals("datasetNames", client.next().path("errors").path(0).path("field").asText());

        client.send(Map.of("type", "ask", "id", "type", "datasetNames", handbook, "queryString", "q"));
        JsonNode wrongType = client.next();
        assertEquals("type", wrongType.path("id").asText());
        assertTrue(wrongType.path("detail").asText().contains("datasetNames"), wrongType.toString());
        assertTrue(wrongType.path("detail").asText().contains("a list"), wrongType.toString());

        client.send(Map.of("type", "ask", "id", "both", "datasetNames", List.of(handbook), "queryString", "q",
                "conversationId", "c-1", "conversation_id", "c-2"));
        JsonNode both = client.next();
        assertEquals("both", both.path("id").asText());
        assertEquals("VALIDATION_FAILED", both.path("code").asText());
        assertEquals("conversationId", both.path("errors").path(0).path("field").asText(), both.toString());

        client.send(Map.of("type", "ask", "id", "snake", "dataset_names", List.of(handbook), "query_string", "q"));
        JsonNode snake = client.next();
        assertEquals("snake", snake.path("id").asText());
        assertTrue(snake.path("detail").asText().endsWith("; this message does not read dataset_names, query_string"),
                snake.toString());

        assertStillAnswers(client);
    }

    @Test
    void duplicateIdOfARunningAskIsRefusedAndTheRunningAskContinues() {
        LiveClient client = ready();
        client.ask("same", List.of(handbook), QUESTION);
        client.ask("same", List.of(handbook), QUESTION);

        JsonNode refusal = client.await(m -> m.path("type").asText().equals("error"), "the refusal");
        assertTrue(refusal.path("id").isMissingNode() || refusal.path("id").isNull(),
                "an error with the running ask's id would read as that ask's end: " + refusal);
        assertTrue(refusal.path("detail").asText().contains("(same)"), refusal.toString());
        assertEquals("VALIDATION_FAILED", refusal.path("code").asText());
        assertEquals("id", refusal.path("errors").path(0).path("field").asText());
        client.await(m -> m.path("type").asText().equals("delta"), "the first ask still streaming");
        client.cancel("same");
        client.await(m -> m.path("type").asText().equals("cancelled"), "the first ask cancelled");
    }

    @Test
    void cancelOfAnIdThatIsNotRunningIsAnErrorWithoutThatId() {
        LiveClient client = ready();
        client.cancel("nothing");
        JsonNode error = client.next();
        // The ask may have just ended, with its done already sent: the error must not end it again.
        assertTrue(error.path("id").isMissingNode() || error.path("id").isNull(), error.toString());
        assertTrue(error.path("detail").asText().contains("(nothing)"), error.toString());
        assertEquals("VALIDATION_FAILED", error.path("code").asText());
        assertTrue(error.path("detail").asText().contains("no running ask"), error.toString());
    }

    @Test
    void secondAuthIsRefusedWithoutClosing() {
        LiveClient client = ready();
        client.send(Map.of("type", "auth", "sessionId", session));
        JsonNode error = client.next();
        assertEquals("VALIDATION_FAILED", error.path("code").asText());
        assertFalse(error.toString().contains(session));
        assertStillAnswers(client);
    }

    @Test
    void expiredSessionIsAnErrorAndClosesTheSocket() {
        LiveClient client = ready();
        clock.advance(Duration.ofSeconds(3601));

        client.ask("late", List.of(handbook), QUESTION);

        JsonNode error = client.next();
        assertEquals("error", error.path("type").asText());
        assertEquals("SESSION_EXPIRED", error.path("code").asText());
        LiveClient.Closed closed = client.awaitClose();
        assertEquals((short) 1008, closed.code());
        assertTrue(closed.reason().startsWith("SESSION_EXPIRED: "), closed.reason());
    }

    @Test
    void loggedOutSessionClosesTheSocketAtOnce() {
        LiveClient client = ready();
        Api.logout(session).then().statusCode(204);

        assertEquals("SESSION_INVALID", client.next().path("code").asText());
        assertTrue(client.awaitClose().reason().startsWith("SESSION_INVALID: "));
    }

    /** As when another replica ended the session: this one is not told, and learns it at the next message. */
    @Test
    void sessionEndedOutOfSightClosesTheSocketOnItsNextMessage() {
        LiveClient client = ready();
        assertTrue(sessionStore.delete(session).await().indefinitely());

        client.ask("late", List.of(handbook), QUESTION);

        assertEquals("SESSION_INVALID", client.next().path("code").asText());
        assertTrue(client.awaitClose().reason().startsWith("SESSION_INVALID: "));
    }

    @Test
    void oversizedMessageIsRefusedAndTheSocketStaysUsable() {
        LiveClient client = ready();
        client.sendRaw("{\"type\":\"ask\",\"id\":\"big\",\"queryString\":\"" + "a".repeat(70_000) + "\"}");

        JsonNode error = client.next();
        assertEquals("PAYLOAD_TOO_LARGE", error.path("code").asText());
        assertTrue(error.path("detail").asText().contains("65536 bytes"), error.toString());
        assertStillAnswers(client);
    }

    @Test
    void oversizedFirstMessageClosesTheSocketAsTooBig() {
        LiveClient client = connect();
        client.sendRaw("{\"type\":\"auth\",\"sessionId\":\"" + "a".repeat(70_000) + "\"}");
        LiveClient.Closed closed = client.awaitClose();
        assertEquals((short) 1009, closed.code());
        assertTrue(closed.reason().startsWith("PAYLOAD_TOO_LARGE: "), closed.reason());
    }
}
