package io.gaia.bff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.LogCapture;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A body sent in chunks (no Content-Length, as a browser's streamed fetch sends it) meets the same
 * size limit, with the same problem answer and a quiet log, as one sent with its length; under the
 * limit it is served as before.
 */
@QuarkusTest
@TestProfile(ChunkedBodiesTest.CapturedLog.class)
class ChunkedBodiesTest {

    static final LogCapture LOG = LogCapture.named("chunked-bodies");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOO_LARGE = "The request body is larger than the 1024 KiB this service accepts";

    public static class CapturedLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LOG.config("INFO");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void aChunkedBodyOverTheLimitIs413WithTheProblemBodyAndNoErrorLogged() throws Exception {
        String session = Api.login(Simulator.demoKey());
        String question = "{\"datasetNames\":[\"" + Simulator.datasetContaining("handbook") + "\"],\"queryString\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}";

        HttpResponse<String> chunked = send(post("/api/v1/ask", session, "chunked-too-large", chunked(question)));
        HttpResponse<String> sized = send(post("/api/v1/ask", session, "sized-too-large",
                HttpRequest.BodyPublishers.ofString(question)));

        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals("application/problem+json", chunked.headers().firstValue("Content-Type").orElse(null));
        assertEquals("close", chunked.headers().firstValue("Connection").orElse(null), "the client is told to stop sending");
        JsonNode problem = JSON.readTree(chunked.body());
        assertEquals("PAYLOAD_TOO_LARGE", problem.path("code").asText());
        assertEquals(TOO_LARGE, problem.path("detail").asText());
        assertEquals(413, problem.path("status").asInt());
        assertEquals(JSON.readTree(sized.body()), problem, "the same answer as with a Content-Length");

        LOG.awaitContaining("[chunked-too-large] access");
        LOG.awaitContaining("[sized-too-large] access");
        List<LogCapture.Entry> entries = LOG.whileRunning();
        for (String requestId : List.of("chunked-too-large", "sized-too-large")) {
            assertTrue(entries.stream().anyMatch(e -> e.requestId().equals(requestId)
                    && e.message().startsWith("access method=POST route=/api/v1/ask status=413")),
                    "an access line for " + requestId + ":\n" + LOG.read());
        }
        assertEquals(List.of(), entries.stream().filter(e -> e.level().equals("ERROR")).toList());
        String log = LOG.read();
        assertFalse(log.contains("Request too large"), log);
        assertFalse(log.contains("Response has already been written"), log);
    }

    @Test
    void aChunkedBodyUnderTheLimitIsServedAsBefore() throws Exception {
        // Sent as curl sends a chunked upload: after asking for, and waiting for, 100 Continue.
        HttpResponse<String> login = send(post("/api/v1/login", null, "chunked-login",
                chunked("{\"api_key\":\"" + Simulator.demoKey() + "\"}")).expectContinue(true));
        assertEquals(200, login.statusCode(), login.body());
        String session = JSON.readTree(login.body()).path("session_id").asText();

        String question = "{\"datasetNames\":[\"" + Simulator.datasetContaining("handbook")
                + "\"],\"queryString\":\"How do I claim travel expenses?\"}";
        HttpResponse<String> answer = send(post("/api/v1/ask", session, "chunked-ask", chunked(question)));
        assertEquals(200, answer.statusCode(), answer.body());
        assertFalse(JSON.readTree(answer.body()).path("response").asText().isBlank(), answer.body());

        // Just under the limit, past the REST layer's in-memory buffer: still read whole and answered.
        String padded = "{\"datasetNames\":[\"" + Simulator.datasetContaining("handbook") + "\"],\"queryString\":\"q\","
                + "\"padding\":\"" + "x".repeat(1024 * 1024 - 200) + "\"}";
        HttpResponse<String> large = send(post("/api/v1/ask", session, "chunked-ask-large", chunked(padded)));
        assertEquals(200, large.statusCode(), large.body());
    }

    @Test
    void aClientLeavingMidBodyLogsNoError() throws Exception {
        String session = Api.login(Simulator.demoKey());
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            String chunk = "{\"datasetNames\":";
            out.write(("POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Session-ID: " + session + "\r\nX-Request-ID: chunked-abandoned\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
        }
        LOG.awaitContaining("[chunked-abandoned] access");
        // The service goes on serving, and nothing about the abandoned request is an error.
        Api.as(session).get("/api/v1/session").then().statusCode(200);
        assertEquals(List.of(), LOG.whileRunning().stream().filter(e -> e.level().equals("ERROR")).toList());
    }

    private static HttpRequest.BodyPublisher chunked(String body) {
        // A stream of unknown length: java.net.http sends it with Transfer-Encoding: chunked.
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    private HttpRequest.Builder post(String path, String session, String requestId, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                .header("Content-Type", "application/json").header("X-Request-ID", requestId).POST(body)
                .timeout(Duration.ofSeconds(20));
        if (session != null) {
            request.header(Api.SESSION_HEADER, session);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
