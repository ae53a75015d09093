package io.gaia.bff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

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
 * A body over the 1 MB limit gets the PAYLOAD_TOO_LARGE problem however it is sent: with its length
 * or in chunks (a browser's streamed fetch), by a client that reads the answer while it sends or
 * one that sends everything first, over HTTP/1.1 or HTTP/2. Nothing is logged as an error, and a
 * body under the limit is served as before.
 */
@QuarkusTest
@TestProfile(OversizedBodiesTest.CapturedLog.class)
class OversizedBodiesTest {

    static final LogCapture LOG = LogCapture.named("oversized-bodies");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOO_LARGE = "The request body is larger than the 1024 KiB this service accepts";
    /** Three times the limit: far more than the socket buffers hold, well under what the service drops. */
    private static final int OVERSIZED = 3 * 1024 * 1024;

    public static class CapturedLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LOG.config("INFO");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void aClientStillSendingWhenTheAnswerIsReadyGetsTheProblemThenTheConnectionCloses() throws Exception {
        // Most HTTP libraries send all of the body, then read the answer; on a slow link the answer is
        // ready long before the body is sent. Closing the connection at once used to reset it under
        // the client, which saw "broken pipe" or "connection reset" instead of the answer.
        for (String framing : List.of("sized", "chunked")) {
            try (Socket socket = new Socket(root.getHost(), root.getPort())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                String head = "POST /api/v1/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "X-Request-ID: slow-" + framing + "\r\n";
                byte[] body = framed(framing, loginBody(OVERSIZED));
                out.write((head + (framing.equals("sized") ? "Content-Length: " + OVERSIZED : "Transfer-Encoding: chunked")
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                // Past the limit in the first part, so the answer is written while the client sleeps.
                int firstPart = 1024 * 1024 + 64 * 1024;
                out.write(body, 0, firstPart);
                out.flush();
                Thread.sleep(300);
                out.write(body, firstPart, body.length - firstPart);
                out.flush();

                // To the end of the stream: the service closes the connection once the body is over.
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 413 "), framing + ": " + answer);
                assertTrue(answer.toLowerCase().contains("\r\nconnection: close\r\n"), framing + ": " + answer);
                assertTooLarge(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            }
        }
        LOG.awaitContaining("[slow-chunked] access");
        assertNoErrorLogged();
    }

    @Test
    void aBodyAnnouncedFarOverTheLimitIsNotReadAtAll() throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /api/v1/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // Nothing of the gigabyte is sent: the answer and the close come anyway, without waiting for it.
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTooLarge(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    @Test
    void aClientThatStopsSendingMidBodyGetsTheProblemAndThenTheConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + OVERSIZED + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(loginBody(OVERSIZED), 0, 1024 * 1024 + 64 * 1024);
            out.flush();
            // The rest never comes (the client hangs, its network went): the service does not wait for it
            // beyond its own bound, so the read ends instead of timing out.
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTooLarge(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    @Test
    void aChunkedBodyOverTheLimitGetsTheSameAnswerAndAccessLineAsOneWithItsLength() throws Exception {
        String session = Api.login(Simulator.demoKey());
        String question = "{\"datasetNames\":[\"" + Simulator.datasetContaining("handbook") + "\"],\"queryString\":\""
                + "x".repeat(OVERSIZED) + "\"}";

        HttpResponse<String> chunked = send(post("/api/v1/ask", session, "chunked-too-large", chunked(question)));
        HttpResponse<String> sized = send(post("/api/v1/ask", session, "sized-too-large",
                HttpRequest.BodyPublishers.ofString(question)));

        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals("application/problem+json", chunked.headers().firstValue("Content-Type").orElse(null));
        assertEquals("close", chunked.headers().firstValue("Connection").orElse(null), "the client is told to stop sending");
        assertTooLarge(chunked.body());
        assertEquals(JSON.readTree(sized.body()), JSON.readTree(chunked.body()), "the same answer as with a Content-Length");

        LOG.awaitContaining("[chunked-too-large] access");
        LOG.awaitContaining("[sized-too-large] access");
        List<LogCapture.Entry> entries = LOG.whileRunning();
        for (String requestId : List.of("chunked-too-large", "sized-too-large")) {
            assertTrue(entries.stream().anyMatch(e -> e.requestId().equals(requestId)
                    && e.message().startsWith("access method=POST route=/api/v1/ask status=413")),
                    "an access line for " + requestId + ":\n" + LOG.read());
        }
        assertNoErrorLogged();
    }

    @Test
    void aChunkedBodyJustOverTheLimitIsRefused() throws Exception {
        HttpResponse<String> answer = send(post("/api/v1/login", null, "chunked-just-over",
                chunked(new String(loginBody(1024 * 1024 + 1), StandardCharsets.UTF_8))));
        assertEquals(413, answer.statusCode(), answer.body());
        assertTooLarge(answer.body());
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
    void overHttp2TwoRefusedBodiesOnOneConnectionAreReadToTheirEndAndBothAnswered() throws Exception {
        // With a content-length, and without one (HTTP/2's way of sending a body in pieces).
        for (List<String> lengthOption : List.of(List.<String>of(), List.of("--no-content-length"))) {
            String frames = overHttp2(OVERSIZED, lengthOption);
            assertEquals(2, count(frames, ":status: 413"), frames);
            assertEquals(2, count(frames, "\"code\":\"PAYLOAD_TOO_LARGE\""), frames);
            // Each body went out to its last frame: the connection stayed open for both, and neither
            // stream was cut while the other was still sending.
            assertEquals(2, lastDataFramesSent(frames), frames);
            assertFalse(frames.contains("recv RST_STREAM"), frames);
            assertFalse(frames.contains("recv GOAWAY"), frames);
        }
        assertNoErrorLogged();
    }

    @Test
    void overHttp2BodiesBeyondWhatIsDroppedAreCutOffAfterTheAnswerWithoutClosingTheConnection() throws Exception {
        // Five times the limit: the service drops four, then asks the client to stop.
        String frames = overHttp2(5 * 1024 * 1024, List.of());
        assertEquals(2, count(frames, ":status: 413"), frames);
        assertEquals(2, count(frames, "\"code\":\"PAYLOAD_TOO_LARGE\""), frames);
        assertEquals(0, lastDataFramesSent(frames), frames);
        // Each stream is reset after its answer, as "stop sending", not as an error; the connection
        // itself is never told to go away.
        assertEquals(2, count(frames, "recv RST_STREAM"), frames);
        assertEquals(2, count(frames, "(error_code=NO_ERROR(0x00))"), frames);
        assertTrue(frames.indexOf("recv RST_STREAM") > frames.lastIndexOf(":status: 413"), frames);
        assertFalse(frames.contains("recv GOAWAY"), frames);
        assertNoErrorLogged();
    }

    /**
     * Sends a login body of {@code size} to /api/v1/login and to /api/v1/ask at once, over one
     * cleartext HTTP/2 connection, and returns every frame nghttp saw. nghttp (Debian's
     * nghttp2-client; .ci/run installs it) speaks cleartext HTTP/2 and shows every frame.
     */
    private String overHttp2(int size, List<String> options) throws Exception {
        Path nghttp = Path.of("/usr/bin/nghttp");
        if (!Files.isExecutable(nghttp)) {
            throw new IllegalStateException("nghttp is needed for the HTTP/2 tests: apt-get install nghttp2-client (.ci/run does)");
        }
        Path body = Files.createTempFile("oversized", ".json");
        try {
            Files.write(body, loginBody(size));
            URI service = URI.create(root.toString());
            List<String> command = new ArrayList<>(List.of(nghttp.toString(), "-v", "-H", "content-type: application/json"));
            command.addAll(options);
            command.addAll(List.of("-d", body.toString(), service.resolve("/api/v1/login").toString(),
                    service.resolve("/api/v1/ask").toString()));
            Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
            String frames = options + ":\n" + new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(30, TimeUnit.SECONDS), frames);
            assertEquals(0, client.exitValue(), frames);
            return frames;
        } finally {
            Files.delete(body);
        }
    }

    /** How many request bodies nghttp sent to their end (a DATA frame with END_STREAM). */
    private static long lastDataFramesSent(String frames) {
        return frames.lines().filter(line -> line.contains("send DATA frame") && line.contains("flags=0x01")).count();
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
        assertNoErrorLogged();
    }

    private static void assertTooLarge(String body) throws Exception {
        JsonNode problem = JSON.readTree(body);
        assertEquals("PAYLOAD_TOO_LARGE", problem.path("code").asText(), body);
        assertEquals(TOO_LARGE, problem.path("detail").asText(), body);
        assertEquals(413, problem.path("status").asInt(), body);
    }

    private static void assertNoErrorLogged() {
        assertEquals(List.of(), LOG.whileRunning().stream().filter(e -> e.level().equals("ERROR")).toList());
        String log = LOG.read();
        assertFalse(log.contains("Request too large"), log);
        assertFalse(log.contains("Response has already been written"), log);
    }

    /** A login body of the given size (a key of x's), larger than any key. */
    private static byte[] loginBody(int size) {
        String prefix = "{\"api_key\":\"";
        return (prefix + "x".repeat(size - prefix.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The body as sent: as it is, or in 16 KiB chunks with their sizes and the closing empty chunk. */
    private static byte[] framed(String framing, byte[] body) {
        if (framing.equals("sized")) {
            return body;
        }
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int from = 0; from < body.length; from += 16 * 1024) {
            int length = Math.min(16 * 1024, body.length - from);
            chunks.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(body, from, length);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunks.toByteArray();
    }

    private static long count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1L;
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
