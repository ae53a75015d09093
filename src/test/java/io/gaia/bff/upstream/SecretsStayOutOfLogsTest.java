package io.gaia.bff.upstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.session.Clock;
import io.gaia.bff.support.LiveClient;
import io.gaia.bff.support.LogCapture;
import io.gaia.bff.support.MovableClock;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.SseScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;

/**
 * Walks every path (good and bad logins, each Gaia failure, streams, the WebSocket, logout, expiry,
 * rate limiting) with TRACE logging,
 * the REST client's request/response logging included, and
 * checks that neither the API key nor any session id shows up in the log or in a response it should
 * not be in.
 */
@QuarkusTest
@TestProfile(SecretsStayOutOfLogsTest.DebugLogging.class)
class SecretsStayOutOfLogsTest {

    static final LogCapture LOG = LogCapture.named("secret-scan");
    static final String KEY = "sk-live-3f9a7c1e5b2d4a6c8e0f-SECRET";
    static final String WRONG_KEY = "sk-live-0000wrong1111-SECRET";
    static final String BARE_KEY = "skLive9d8c7b6a5f4e3d2c1bSECRET";

    public static class DebugLogging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(LOG.config("TRACE"));
            config.putAll(Map.ofEntries(
                    Map.entry("gaia.request-timeout", "1"),
                    // Low enough that the walk below runs into it, high enough for the walk itself.
                    Map.entry("rate-limit.login-attempts", "6"),
                    // The REST client's own request and response logging, headers and bodies included.
                    Map.entry("quarkus.rest-client.logging.scope", "request-response"),
                    Map.entry("quarkus.rest-client.logging.body-limit", "10000")));
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

    @InjectFakeGaia
    FakeGaia gaia;

    @TestHTTPResource("/")
    java.net.URL root;

    @TestHTTPResource("/api/v1/ws")
    java.net.URI socket;

    @Inject
    Vertx vertx;

    @Test
    void neitherKeyNorSessionIdIsEverLoggedOrLeaked() {
        gaia.reset();
        gaia.acceptApiKey(KEY);
        List<Response> responses = new ArrayList<>();
        List<String> sessionIds = new ArrayList<>();

        responses.add(given().contentType(ContentType.JSON).body(Map.of("api_key", WRONG_KEY)).post("/api/v1/login"));
        // Unquoted, so the JSON parser trips over the key itself and would quote it in its error.
        responses.add(given().contentType(ContentType.JSON).body("{\"api_key\": " + BARE_KEY + "}").post("/api/v1/login"));
        Response login = given().contentType(ContentType.JSON).body(Map.of("api_key", KEY)).post("/api/v1/login");
        String session = login.then().statusCode(200).extract().path("session_id");
        sessionIds.add(session);

        Map<String, Object> question = Map.of("datasetNames", List.of("handbook"), "queryString", "how do I claim expenses?");
        responses.add(Api.as(session).get("/api/v1/datasets"));
        responses.add(Api.as(session).get("/api/v1/session"));
        responses.add(Api.ask(session, question));
        responses.add(Api.ask(session, Map.of("datasetNames", List.of(), "queryString", "")));
        StreamClient.read(root, session, question);
        for (int status : new int[] { 404, 429, 500, 503 }) {
            gaia.on("POST", "/ask").respond(status, "{\"message\":\"failure for " + KEY + "\"}").times(1);
            responses.add(Api.ask(session, question));
        }
        gaia.on("POST", "/ask").hang();
        responses.add(Api.ask(session, question));
        gaia.reset();
        gaia.acceptApiKey(KEY);
        gaia.on("POST", "/ask/stream").stream(SseScript.sse().event("{\"responseString\":\"x\"}")
                .pause(Duration.ofMillis(100)).thenCut());
        StreamClient.read(root, session, question);
        try (LiveClient live = LiveClient.connect(vertx, socket)) {
            live.authenticate(session);
            live.ask("w1", List.of("handbook"), "how do I claim expenses?");
            live.awaitEnd("w1");
            live.sendRaw("{\"type\": \"auth\", \"sessionId\": " + session + "}");
            live.await(message -> "error".equals(message.path("type").asText()), "an error for the malformed message");
            for (var message : live.all()) {
                String text = message.toString();
                assertFalse(text.contains(KEY) || text.contains(session), "WebSocket message leaked a secret: " + text);
            }
        }
        try (LiveClient bad = LiveClient.connect(vertx, socket)) {
            bad.send(Map.of("type", "auth", "sessionId", session + "x"));
            assertFalse(String.valueOf(bad.awaitClose()).contains(session), "close reason leaked the session id");
        }
        gaia.on("POST", "/ask").respond(401, "{\"errorCode\":\"KStatusUnauthorized\"}").times(1);
        responses.add(Api.ask(session, question));
        responses.add(Api.as(session).get("/api/v1/session"));

        String second = Api.login(KEY);
        sessionIds.add(second);
        responses.add(Api.logout(second));
        responses.add(Api.logout(second));

        // A session that runs out: expired, idle and absolute.
        String third = Api.login(KEY);
        sessionIds.add(third);
        MovableClock clock = new MovableClock();
        QuarkusMock.installMockForType(clock, Clock.class);
        clock.advance(Duration.ofHours(2));
        responses.add(Api.as(third).get("/api/v1/datasets"));
        responses.add(Api.as(third).get("/api/v1/session"));

        // Login attempts beyond the limit (6 per window here), one of them with the real key.
        Response limited;
        int attempts = 0;
        do {
            limited = given().contentType(ContentType.JSON).body(Map.of("api_key", KEY)).post("/api/v1/login");
            if (limited.statusCode() == 200) {
                // A login's own answer carries its id by design; later answers must not.
                sessionIds.add(limited.path("session_id"));
            } else {
                responses.add(limited);
            }
        } while (limited.statusCode() != 429 && ++attempts < 20);
        limited.then().statusCode(429).body("code", equalTo("RATE_LIMITED"));

        for (Response response : responses) {
            String body = response.asString();
            assertFalse(body.contains(KEY), "response leaked the key: " + body);
            assertFalse(body.contains(WRONG_KEY), "response leaked the wrong key: " + body);
            assertFalse(body.contains(BARE_KEY), "response leaked the unparseable key: " + body);
            for (String id : sessionIds) {
                assertFalse(body.contains(id), "response leaked a session id: " + body);
            }
        }

        String log = LOG.awaitContaining("session_event=logout");
        assertTrue(log.contains("TRACE"), "the log was captured at TRACE");
        assertTrue(log.contains("Gaia request: GET") && log.contains("apiKey=[redacted]"),
                "the REST client's request logging was on, with the key header blanked");
        assertFalse(log.contains(KEY), "log holds the key");
        assertFalse(log.contains(WRONG_KEY), "log holds the rejected key");
        assertFalse(log.contains(BARE_KEY), "log holds the key from a malformed body");
        for (String id : sessionIds) {
            assertFalse(log.contains(id), "log holds a session id");
        }
    }
}
