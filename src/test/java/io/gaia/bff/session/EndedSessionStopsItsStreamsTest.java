package io.gaia.bff.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.FakeGaiaProfile;
import io.gaia.bff.support.LiveClient;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.GaiaSamples;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.SseScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * Logging out, an operator's revocation and an eviction by SESSION_MAX_PER_KEY end that session's
 * answers that are already streaming, at once: an SSE stream with event: error SESSION_INVALID, a
 * WebSocket with an error for each running ask and close 1008, and the Gaia call is closed. Before,
 * the answer went on to its done, to a user who had logged out.
 */
@QuarkusTest
@TestProfile(EndedSessionStopsItsStreamsTest.Profile.class)
class EndedSessionStopsItsStreamsTest {

    static final String TOKEN = "op-token-0d9e8f7a6b5c4d3e2f1a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> QUESTION = Map.of("datasetNames", List.of("handbook"), "queryString", "q");
    private static final String STREAM = "/ask/stream";

    public static class Profile extends FakeGaiaProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("admin.token", TOKEN);
            config.put("session.max-per-key", "2");
            return config;
        }
    }

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    SessionService sessions;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL root;

    @TestHTTPResource("/api/v1/ws")
    URI endpoint;

    String session;
    final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void login() {
        gaia.reset();
        sessions.revokeAll().await().indefinitely(); // no earlier test's session counts against the per-key cap
        session = Api.login(FakeGaia.GOOD_API_KEY);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        gaia.reset();
    }

    /** An answer that takes about 3 s: a word every 300 ms, then the final event. */
    void gaiaAnswersSlowly(int times) {
        gaiaAnswersSlowly(times, 10);
    }

    /** An answer of {@code words} words, one every 300 ms, then the final event. */
    void gaiaAnswersSlowly(int times, int words) {
        SseScript script = SseScript.sse();
        for (int i = 0; i < words; i++) {
            script.event("{\"responseString\":\"w" + i + " \"}").pause(Duration.ofMillis(300));
        }
        gaia.on("POST", STREAM).times(times).stream(script.event(GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID)));
    }

    StreamClient streamUntilTheFirstWord(String sessionId) {
        StreamClient stream = StreamClient.open(root, sessionId, QUESTION);
        clients.add(stream);
        assertEquals(200, stream.status());
        Frame frame;
        while ((frame = stream.next()) != null && frame.isComment()) {
            // ": stream open", keep-alives
        }
        assertTrue(frame != null && frame.data().contains("w0"), "the answer started: " + frame);
        return stream;
    }

    /** Reads the rest of the stream; asserts it ended promptly with SESSION_INVALID, not with done. */
    void assertEndsWithSessionInvalid(StreamClient stream, long sinceNanos) throws Exception {
        assertEndsWithSessionInvalid(stream, sinceNanos, 1500);
    }

    void assertEndsWithSessionInvalid(StreamClient stream, long sinceNanos, long withinMillis) throws Exception {
        List<Frame> rest = StreamClient.events(stream.readToEnd());
        long tookMillis = (System.nanoTime() - sinceNanos) / 1_000_000;
        assertFalse(rest.isEmpty(), "the stream ended with an event");
        Frame last = rest.get(rest.size() - 1);
        assertEquals("error", last.type(), "ended with an error, not Gaia's answer to its end: " + rest);
        JsonNode problem = JSON.readTree(last.data());
        assertEquals("SESSION_INVALID", problem.path("code").asText(), problem.toString());
        assertTrue(tookMillis < withinMillis, "ended " + tookMillis + " ms after the session did, not within " + withinMillis);
        assertTrue(gaia.awaitClientClosed(STREAM, Duration.ofSeconds(2)), "the Gaia call was closed");
    }

    @Test
    void logoutEndsTheSessionsStreamAndNoOtherSessions() throws Exception {
        gaiaAnswersSlowly(2);
        String other = Api.login(FakeGaia.GOOD_API_KEY);
        StreamClient mine = streamUntilTheFirstWord(session);
        StreamClient theirs = streamUntilTheFirstWord(other);

        long loggedOut = System.nanoTime();
        Api.logout(session).then().statusCode(204);

        assertEndsWithSessionInvalid(mine, loggedOut);
        List<Frame> theirRest = StreamClient.events(theirs.readToEnd());
        assertEquals("done", theirRest.get(theirRest.size() - 1).type(), "another session's answer goes on: " + theirRest);
    }

    @Test
    void anOperatorRevokingTheKeyEndsItsStreams() throws Exception {
        gaiaAnswersSlowly(1);
        StreamClient stream = streamUntilTheFirstWord(session);

        long revoked = System.nanoTime();
        given().header("Authorization", "Bearer " + TOKEN)
                .delete("/admin/sessions?key=" + SessionIds.keyId(FakeGaia.GOOD_API_KEY))
                .then().statusCode(200).body("revoked", equalTo(1));

        assertEndsWithSessionInvalid(stream, revoked);
    }

    @Test
    void aSessionEvictedByANewerLoginLosesItsStream() throws Exception {
        gaiaAnswersSlowly(1);
        StreamClient stream = streamUntilTheFirstWord(session);

        long evicted = System.nanoTime();
        Api.login(FakeGaia.GOOD_API_KEY);
        Api.login(FakeGaia.GOOD_API_KEY); // SESSION_MAX_PER_KEY=2: the oldest, ours, is ended

        assertEndsWithSessionInvalid(stream, evicted);
    }

    @Test
    void logoutClosesTheSessionsWebSocketWithAnErrorForEachRunningAsk() {
        gaiaAnswersSlowly(1);
        LiveClient client = LiveClient.connect(vertx, endpoint);
        clients.add(client);
        client.authenticate(session);
        client.ask("q1", List.of("handbook"), "q");
        client.await(m -> "delta".equals(m.path("type").asText()), "the first word");

        Api.logout(session).then().statusCode(204);

        List<JsonNode> q1 = client.awaitEnd("q1");
        JsonNode end = q1.get(q1.size() - 1);
        assertEquals("error", end.path("type").asText(), "q1 ended with an error, not done: " + q1);
        assertEquals("SESSION_INVALID", end.path("code").asText());
        LiveClient.Closed closed = client.awaitClose();
        assertEquals((short) 1008, closed.code());
        assertTrue(closed.reason().startsWith("SESSION_INVALID: "), closed.reason());
        assertTrue(gaia.awaitClientClosed(STREAM, Duration.ofSeconds(2)), "the Gaia call was closed");
    }

    @Test
    void revokingEveryoneClosesAnIdleWebSocketAtOnce() {
        LiveClient client = LiveClient.connect(vertx, endpoint);
        clients.add(client);
        client.authenticate(session);

        given().header("Authorization", "Bearer " + TOKEN).delete("/admin/sessions").then().statusCode(200);

        JsonNode error = client.await(m -> "error".equals(m.path("type").asText()), "an error");
        assertEquals("SESSION_INVALID", error.path("code").asText());
        assertTrue(error.path("id").isMissingNode() || error.path("id").isNull(), "no ask was running: " + error);
        assertEquals((short) 1008, client.awaitClose().code());
    }
}
