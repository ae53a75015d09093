package io.gaia.bff.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.LiveClient;
import io.gaia.bff.support.LogCapture;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.GaiaSamples;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;

/**
 * Every line logged while serving a request carries the request's id, the client's X-Request-ID
 * when it is a plain token; each request ends with one access line; Gaia hears the same id; and
 * neither the key nor the session id is in any of it.
 */
@QuarkusTest
@TestProfile(RequestLogTest.CapturedLog.class)
class RequestLogTest {

    static final LogCapture LOG = LogCapture.named("request-log");
    static final String KEY = "sk-live-requestlog-7d1e-SECRET";

    public static class CapturedLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = LOG.serviceConfig("DEBUG");
            config.put("gaia.request-timeout", "1");
            // On, so that /admin paths are refused (401) before any route matches them.
            config.put("admin.token", "op-token-requestlog-0123456789");
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
    URL root;

    @TestHTTPResource("/api/v1/ws")
    URI socket;

    @Inject
    Vertx vertx;

    @Test
    void everyLineOfARequestCarriesItsIdAndNoSecret() {
        gaia.reset();
        gaia.acceptApiKey(KEY);

        String login = given().header("X-Request-ID", "req-login-1").contentType(ContentType.JSON)
                .body(Map.of("api_key", KEY)).post("/api/v1/login")
                .then().statusCode(200).header("X-Request-ID", "req-login-1").extract().path("session_id");
        assertEquals("req-login-1", gaia.lastRequest().header("X-Request-ID"), "Gaia hears the request id");

        gaia.on("POST", "/ask").respond(503, "{\"message\":\"down for " + KEY + "\"}").times(1);
        Api.as(login).header("X-Request-ID", "req-ask-2").contentType(ContentType.JSON)
                .body(Map.of("datasetNames", List.of("handbook"), "queryString", "q")).post("/api/v1/ask")
                .then().statusCode(502).header("X-Request-ID", "req-ask-2");
        assertEquals("req-ask-2", gaia.lastRequest().header("X-Request-ID"));

        Api.as(login).header("X-Request-ID", "req-ds-3").get("/api/v1/datasets/handbook/details")
                .then().header("X-Request-ID", "req-ds-3");

        String replaced = Api.as(login).header("X-Request-ID", "not valid: " + KEY).get("/api/v1/session")
                .then().statusCode(200).extract().header("X-Request-ID");
        assertNotEquals(null, replaced);
        assertTrue(replaced.matches("[A-Za-z0-9._-]{1,64}") && !replaced.contains("valid"), replaced);
        // A client that uses its session id as the request id would put it on every log line.
        String notTheSession = Api.as(login).header("X-Request-ID", login).get("/api/v1/session")
                .then().statusCode(200).extract().header("X-Request-ID");
        assertNotEquals(login, notTheSession, "a session id is not taken as the request id");
        String generated = given().get("/q/health/live").then().extract().header("X-Request-ID");
        assertTrue(generated != null && !generated.isEmpty(), "an id is generated when none is sent");

        // A path nothing matches is whatever the client typed, here a key pasted into the URL.
        Api.as(login).header("X-Request-ID", "req-typo-5").get("/api/v1/login/" + KEY).then().statusCode(404);

        Api.as(login).header("X-Request-ID", "req-logout-4").contentType(ContentType.JSON).post("/api/v1/logout")
                .then().statusCode(204);

        String log = LOG.awaitContaining("route=/api/v1/logout");
        List<String> lines = log.lines().collect(Collectors.toList());

        assertLine(lines, "req-login-1", "session_event=created");
        assertLine(lines, "req-login-1", "access method=POST route=/api/v1/login status=200");
        assertLine(lines, "req-ask-2", "Gaia call failed: STATUS");
        assertLine(lines, "req-ask-2", "access method=POST route=/api/v1/ask status=502");
        assertLine(lines, "req-ds-3", "access method=GET route=/api/v1/datasets/{name}/details status=404");
        assertLine(lines, replaced, "access method=GET route=/api/v1/session status=200");
        assertLine(lines, "req-typo-5", "access method=GET route=NOT_FOUND status=404");
        assertLine(lines, "req-logout-4", "session_event=logout");
        assertLine(lines, "req-logout-4", "access method=POST route=/api/v1/logout status=204");
        String access = lines.stream().filter(line -> line.contains("req-logout-4") && line.contains("access "))
                .findFirst().orElseThrow();
        assertTrue(access.matches(".*duration_ms=\\d+ session=[0-9a-f]{16}.*"), "hashed session on the access line: "
                + access);

        assertFalse(log.contains(KEY), "the log holds the key");
        assertFalse(log.contains(login), "the log holds the session id");
    }

    @Test
    void aClientThatLeavesBeforeTheAnswerIsNotLoggedAsServed() throws Exception {
        gaia.reset();
        gaia.acceptApiKey(KEY);
        String login = Api.login(KEY);
        gaia.on("POST", "/ask").respond(200, GaiaSamples.askResponse("c-left")).afterDelay(Duration.ofMillis(700));
        String body = "{\"datasetNames\":[\"handbook\"],\"queryString\":\"q\"}";
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write(("POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Session-ID: " + login + "\r\nX-Request-ID: req-left-6\r\nContent-Length: " + body.length() + "\r\n\r\n"
                    + body).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(200);
        }
        // A request answered in full says nothing more than its status.
        Api.as(login).header("X-Request-ID", "req-served-7").get("/api/v1/session").then().statusCode(200);

        String log = LOG.awaitContaining("[req-left-6] access");
        List<String> lines = log.lines().collect(Collectors.toList());
        assertLine(lines, "req-left-6", "access method=POST route=/api/v1/ask status=- duration_ms=");
        assertLine(lines, "req-left-6", " complete=false");
        LOG.awaitContaining("[req-served-7] access");
        String served = LOG.read().lines().filter(line -> line.contains("[req-served-7] access")).findFirst().orElseThrow();
        assertTrue(served.contains("status=200") && !served.contains("complete="), served);
    }

    @Test
    void aWebSocketGetsItsAccessLineWhenItCloses() {
        gaia.reset();
        gaia.acceptApiKey(KEY);
        String session = Api.login(KEY);
        try (LiveClient live = LiveClient.connect(vertx, socket, Map.of("X-Request-ID", "req-socket-open"))) {
            live.authenticate(session);
            assertFalse(LOG.read().contains("[req-socket-open] access"), "no line while the socket is open");
        }
        String log = LOG.awaitContaining("[req-socket-open] access");
        List<String> lines = log.lines().filter(line -> line.contains("[req-socket-open] access")).toList();
        assertEquals(1, lines.size(), "one line per socket: " + lines);
        assertTrue(lines.get(0).matches(".*access method=GET route=/api/v1/ws status=101 duration_ms=\\d+ session=-$"),
                lines.get(0));
        assertFalse(log.contains(session), "the log holds the session id");
    }

    @Test
    void everyLineOfASocketCarriesItsHandshakesRequestIdAndGaiaHearsIt() {
        gaia.reset();
        gaia.acceptApiKey(KEY);
        String session = Api.login(KEY);
        gaia.on("POST", "/ask/stream").respond(503, "{\"message\":\"down\"}").times(1);
        try (LiveClient live = LiveClient.connect(vertx, socket, Map.of("X-Request-ID", "req-socket-8"))) {
            live.authenticate(session);
            live.ask("first", List.of("handbook"), "q");
            live.awaitEnd("first");
            assertEquals("req-socket-8", gaia.lastRequest().header("X-Request-ID"), "Gaia hears the socket's request id");
        }
        // A later socket, served by the same event loops, must not inherit the first one's id.
        try (LiveClient live = LiveClient.connect(vertx, socket, Map.of("X-Request-ID", "req-socket-9"))) {
            live.authenticate(session);
            live.ask("second", List.of("handbook"), "q");
            live.awaitEnd("second");
            assertEquals("req-socket-9", gaia.lastRequest().header("X-Request-ID"));
        }
        LOG.awaitContaining("[req-socket-9] access");
        List<LogCapture.Entry> socketLines = LOG.entries().stream()
                .filter(entry -> entry.message().contains("WebSocket") || entry.message().contains("route=/api/v1/ws"))
                .toList();
        List<LogCapture.Entry> first = socketLines.stream().filter(entry -> entry.requestId().equals("req-socket-8")).toList();
        assertTrue(first.stream().anyMatch(entry -> entry.message().startsWith("Answer over WebSocket ended by a failure: GAIA_")),
                "the failure is logged under the socket's id: " + socketLines);
        assertTrue(first.stream().anyMatch(entry -> entry.message().contains(" authenticated for key ")), socketLines.toString());
        assertTrue(first.stream().anyMatch(entry -> entry.message().contains("route=/api/v1/ws")), socketLines.toString());
        assertTrue(socketLines.stream().filter(entry -> entry.requestId().equals("req-socket-9"))
                .anyMatch(entry -> entry.message().contains(" authenticated for key ")), socketLines.toString());
        assertTrue(socketLines.stream().allMatch(LogCapture.Entry::inRequest), "every socket line has a request id: " + socketLines);
    }

    @Test
    void aClientsMistakeOverTheSocketIsNoWarningButGaiasFailureIs() {
        // Over HTTP an unknown dataset is a 404 and no log line; told in a socket it was a WARN each time.
        gaia.reset();
        gaia.acceptApiKey(KEY);
        String session = Api.login(KEY);
        gaia.on("POST", "/ask/stream").respond(404, "{\"message\":\"Dataset 'nope' not found\"}").times(1);
        try (LiveClient live = LiveClient.connect(vertx, socket)) {
            live.authenticate(session);
            live.ask("mistake", List.of("nope"), "q");
            live.awaitEnd("mistake");
            gaia.on("POST", "/ask/stream").respond(503, "{\"message\":\"down\"}").times(1);
            live.ask("upstream", List.of("handbook"), "q");
            live.awaitEnd("upstream");
        }
        String log = LOG.awaitContaining("Answer over WebSocket ended by a failure: GAIA_");
        List<String> failures = log.lines().filter(line -> line.contains("Answer over WebSocket ended by a failure")).toList();
        assertTrue(failures.stream().anyMatch(line -> line.contains(" DEBUG ") && line.contains("NOT_FOUND")), String.join("\n", failures));
        assertTrue(failures.stream().anyMatch(line -> line.contains(" WARN ") && line.contains("GAIA_")), String.join("\n", failures));
        assertTrue(failures.stream().noneMatch(line -> line.contains(" WARN ") && line.contains("NOT_FOUND")), String.join("\n", failures));
    }

    @Test
    void aPathNoRouteMatchesReachesNeitherTheLogNorTheMetrics() throws Exception {
        gaia.reset();
        gaia.acceptApiKey(KEY);
        String session = Api.login(KEY);
        String secret = "sk-typed-into-the-path-4c2f";
        // Sent byte for byte: an HTTP client would encode the ';' or resolve the dot segments.
        List<String[]> requests = List.of(
                new String[] {"GET", "/api/v1/login;" + session, "405"},
                new String[] {"PUT", "/api/v1/datasets;" + session, "405"},
                new String[] {"DELETE", "/admin/sessions;" + secret, "401"},
                new String[] {"GET", "/%61dmin/" + secret, "401"},
                new String[] {"GET", "/api/v1/../../admin/" + secret, "401"});
        for (int i = 0; i < requests.size(); i++) {
            String[] request = requests.get(i);
            assertEquals(request[2], statusOf(request[0], request[1], session, "req-unmatched-" + i), request[1]);
        }

        String log = LOG.awaitContaining("[req-unmatched-" + (requests.size() - 1) + "] access");
        List<String> lines = log.lines().collect(Collectors.toList());
        for (int i = 0; i < requests.size(); i++) {
            assertLine(lines, "req-unmatched-" + i, "access method=" + requests.get(i)[0] + " route=UNKNOWN status="
                    + requests.get(i)[2]);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("status=\"405\"") && line.contains("uri=\"UNKNOWN\"")), metrics);
        for (String typed : List.of(session, secret, "%61dmin", "/..")) {
            assertFalse(log.contains(typed), "the log holds " + typed);
            assertFalse(metrics.contains(typed), "/q/metrics holds " + typed);
        }
    }

    @Test
    void aRequestWithoutHostIsTheClientsMistakeNotAnError() throws Exception {
        String answer;
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write("GET /api/v1/session HTTP/1.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        assertTrue(answer.contains("\"detail\":\"HTTP/1.1 requests need a Host header\""), answer);
        // A request after it, so the log is known to have been written past the refused one.
        given().header("X-Request-ID", "req-after-host").get("/q/health/live");
        String log = LOG.awaitContaining("[req-after-host] access");
        assertFalse(log.contains("'Host' header is required"), "no ERROR for a client's request:\n" + log);
    }

    /** The status of a request sent exactly as given, path included. */
    private String statusOf(String method, String path, String session, String requestId) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "X-Session-ID: " + session + "\r\nX-Request-ID: " + requestId + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .findFirst().orElse("");
            return statusLine.split(" ").length > 1 ? statusLine.split(" ")[1] : statusLine;
        }
    }

    /** A line with the request id in its MDC field ([id]) and the expected text. */
    private static void assertLine(List<String> lines, String requestId, String text) {
        assertTrue(lines.stream().anyMatch(line -> line.contains("[" + requestId + "]") && line.contains(text)),
                "no line with [" + requestId + "] and '" + text + "' in:\n" + String.join("\n", lines.stream()
                        .filter(line -> line.contains(text) || line.contains(requestId)).collect(Collectors.toList())));
    }
}
