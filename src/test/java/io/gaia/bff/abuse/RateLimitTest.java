package io.gaia.bff.abuse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.http.conn.params.ConnRoutePNames;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.LiveClient;
import io.gaia.bff.support.Metrics;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;

/**
 * The service's own limits, made small: 3 login attempts per client address and 3 asks per session
 * per minute. The test client connects from 127.0.0.1, a trusted proxy here, so X-Forwarded-For
 * gives each test its own client address; counts live as long as the application, so no two tests
 * share an address or a session.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rate-limit.login-attempts", "3",
                    "rate-limit.asks", "3",
                    "rate-limit.trusted-proxies", "127.0.0.1, 10.0.0.0/8");
        }
    }

    private static final AtomicInteger NEXT_CLIENT = new AtomicInteger(1);
    private static final String QUESTION = "How do I claim travel expenses?";

    @Inject
    Vertx vertx;

    @TestHTTPResource("/api/v1/ws")
    URI live;

    /** A client address no other test uses (TEST-NET-3). */
    private static String newClient() {
        int n = NEXT_CLIENT.getAndIncrement();
        return "203.0.113." + n;
    }

    private static Response loginFrom(String forwardedFor, String key) {
        return loginFrom(RestAssured.config(), forwardedFor, key);
    }

    /** A login over a connection made as peer says (from which local address). */
    private static Response loginFrom(RestAssuredConfig peer, String forwardedFor, String key) {
        return given().config(peer).header("X-Forwarded-For", forwardedFor).contentType(ContentType.JSON)
                .body(Map.of("api_key", key)).post("/api/v1/login");
    }

    /** A fresh session, logged in from its own client address. */
    private static String newSession() {
        return loginFrom(newClient(), Simulator.demoKey()).then().statusCode(200).extract().path("session_id");
    }

    private static List<String> datasets() {
        return List.of(Simulator.datasetContaining("handbook"));
    }

    private static Map<String, Object> question() {
        return Map.of("datasetNames", datasets(), "queryString", QUESTION);
    }

    private static List<JsonNode> askOver(LiveClient socket, String id) {
        socket.ask(id, datasets(), QUESTION);
        return socket.awaitEnd(id);
    }

    private static void assertRateLimited(Response response) {
        response.then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED"))
                .body("detail", containsString("not Gaia's"))
                .header("Retry-After", Integer::parseInt, allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(60)));
    }

    @Test
    void loginAttemptsBeyondTheLimitAre429WithRetryAfterWhateverTheirOutcome() {
        String client = newClient();
        loginFrom(client, Simulator.demoKey()).then().statusCode(200);
        loginFrom(client, "wrong-key").then().statusCode(401);
        given().header("X-Forwarded-For", client).contentType(ContentType.JSON).body("{}").post("/api/v1/login")
                .then().statusCode(400);
        assertRateLimited(loginFrom(client, Simulator.demoKey()));
    }

    @Test
    void aLoginRefusedByTheLimitIsCountedAsRateLimited() {
        String client = newClient();
        for (int i = 0; i < 3; i++) {
            loginFrom(client, "wrong-key").then().statusCode(401);
        }
        double before = Metrics.value("bff_logins_total", "outcome=\"rate_limited\"");
        assertRateLimited(loginFrom(client, Simulator.demoKey()));
        assertEquals(before + 1, Metrics.value("bff_logins_total", "outcome=\"rate_limited\""));
    }

    @Test
    void behindATrustedProxyTheLoginLimitAppliesPerForwardedClient() {
        String limited = newClient();
        for (int i = 0; i < 3; i++) {
            loginFrom(limited, Simulator.demoKey()).then().statusCode(200);
        }
        assertRateLimited(loginFrom(limited, Simulator.demoKey()));
        loginFrom(newClient(), Simulator.demoKey()).then().statusCode(200);
    }

    @Test
    void addressesAClientPutsInFrontOfItsOwnDoNotDodgeTheLoginLimit() {
        String client = newClient();
        for (int i = 0; i < 3; i++) {
            // What our proxy sends when the client itself sent X-Forwarded-For: 198.51.100.<i>.
            loginFrom("198.51.100." + i + ", " + client, Simulator.demoKey()).then().statusCode(200);
        }
        assertRateLimited(loginFrom("198.51.100.99, " + client, Simulator.demoKey()));
    }

    @Test
    void forwardedForFromAnUntrustedPeerDoesNotDodgeTheLoginLimit() throws Exception {
        // 127.0.0.2 is loopback too, but not in TRUSTED_PROXIES: its X-Forwarded-For must be ignored.
        RestAssuredConfig untrusted = RestAssured.config().httpClient(RestAssured.config().getHttpClientConfig()
                .setParam(ConnRoutePNames.LOCAL_ADDRESS, InetAddress.getByName("127.0.0.2")));
        for (int i = 0; i < 3; i++) {
            loginFrom(untrusted, newClient(), Simulator.demoKey()).then().statusCode(200);
        }
        assertRateLimited(loginFrom(untrusted, newClient(), Simulator.demoKey()));
    }

    @Test
    void asksOverHttpStreamAndWebSocketShareOneLimitPerSession() {
        String session = newSession();
        Api.ask(session, question()).then().statusCode(200);
        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream").body(question())
                .post("/api/v1/ask/stream").then().statusCode(200).body(containsString("event: done"));
        try (LiveClient socket = LiveClient.connect(vertx, live)) {
            socket.authenticate(session);
            List<JsonNode> third = askOver(socket, "third");
            assertEquals("done", third.get(third.size() - 1).path("type").asText(), third.toString());
        }
        assertRateLimited(Api.ask(session, question()));
        Api.ask(newSession(), question()).then().statusCode(200);
    }

    @Test
    void aRateLimitedStreamIsAPlainHttpProblemNotAStream() {
        String session = newSession();
        for (int i = 0; i < 3; i++) {
            Api.ask(session, question()).then().statusCode(200);
        }
        Response refused = Api.as(session).contentType(ContentType.JSON).accept("text/event-stream").body(question())
                .post("/api/v1/ask/stream");
        assertRateLimited(refused);
    }

    @Test
    void aRateLimitedWebSocketAskGetsAnErrorWithRetryAfterAndTheSocketStaysOpen() {
        String session = newSession();
        try (LiveClient socket = LiveClient.connect(vertx, live)) {
            socket.authenticate(session);
            for (int i = 0; i < 3; i++) {
                List<JsonNode> answer = askOver(socket, "ok-" + i);
                assertEquals("done", answer.get(answer.size() - 1).path("type").asText(), answer.toString());
            }
            List<JsonNode> refused = askOver(socket, "over");
            JsonNode error = refused.get(refused.size() - 1);
            assertEquals("error", error.path("type").asText(), refused.toString());
            assertEquals("RATE_LIMITED", error.path("code").asText());
            assertTrue(error.path("detail").asText().contains("not Gaia's"), error.toString());
            int retryAfter = Integer.parseInt(error.path("retryAfter").asText());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, error.toString());
            // Only the ask was refused: the socket still answers.
            socket.cancel("nothing-running");
            JsonNode refusal = socket.await(m -> m.path("detail").asText().contains("(nothing-running)"), "the cancel's refusal");
            assertEquals("VALIDATION_FAILED", refusal.path("code").asText());
            assertFalse(socket.isClosed());
        }
        assertRateLimited(Api.ask(session, question()));
    }
}
