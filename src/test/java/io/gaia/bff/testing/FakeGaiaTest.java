package io.gaia.bff.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves every scripted behaviour of {@link FakeGaia} really happens on the wire. */
class FakeGaiaTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static FakeGaia fake;

    @BeforeAll
    static void startFake() {
        fake = FakeGaia.start();
    }

    @AfterAll
    static void stopFake() {
        fake.stop();
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    // ------------------------------------------------------------ defaults

    @Test
    void baseUrlHasTheRealPathPrefix() {
        assertEquals("http://127.0.0.1:" + fake.port() + "/v2/mcm/gaia", fake.baseUrl());
    }

    @Test
    void missingApiKeyIsRejectedWith401() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/datasets")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertEquals("{\"errorCode\":\"KStatusUnauthorized\"}", r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void wrongApiKeyIsRejectedWith401() throws Exception {
        HttpResponse<String> r = HTTP.send(request("/ask").setHeader("apiKey", "bad-key")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
    }

    @Test
    void acceptedApiKeyCanBeChanged() throws Exception {
        fake.acceptApiKey("other");
        assertEquals(401, get("/datasets").statusCode());
        HttpResponse<String> r = HTTP.send(request("/datasets").setHeader("apiKey", "other").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }

    @Test
    void defaultDatasetsListsTwoDatasetsAndHonoursPrefix() throws Exception {
        HttpResponse<String> all = get("/datasets");
        assertEquals(200, all.statusCode());
        assertTrue(all.body().startsWith("{\"datasets\":[{\"name\":\"engineering-docs\",\"id\":\"6f1d3a0c9b8e4d2a\""),
                all.body());
        assertTrue(all.body().contains("\"name\":\"hr-policies\""));
        assertTrue(all.body().contains("\"lastIndexingRun\":{\"startTimeUsecs\""));

        HttpResponse<String> hr = get("/datasets?prefix=hr");
        assertTrue(hr.body().contains("hr-policies"));
        assertFalse(hr.body().contains("engineering-docs"));
        assertEquals("{\"datasets\":[]}", get("/datasets?prefix=zzz").body());
    }

    @Test
    void defaultAskAnswersWithCitedDocumentAndEchoesConversation() throws Exception {
        HttpResponse<String> r = post("/ask", "{\"datasetNames\":[\"engineering-docs\"],\"queryString\":\"When?\"}");
        assertEquals(200, r.statusCode());
        assertEquals(GaiaSamples.askResponse(GaiaSamples.CONVERSATION_ID), r.body());
        assertTrue(r.body().contains("\"citations\":[{\"cosineScore\":0.83"));
        assertTrue(r.body().contains("\"finishReason\":\"stop\""));

        HttpResponse<String> next = post("/ask", "{\"queryString\":\"And?\",\"conversationId\":\"c-77\"}");
        assertTrue(next.body().contains("\"conversationId\":\"c-77\""), next.body());
    }

    @Test
    void defaultStreamSendsThreeWordsThenFinalEventEachEndedByBlankLine() throws Exception {
        HttpResponse<String> r = post("/ask/stream", "{\"queryString\":\"q\"}");
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("data: {\"responseString\":\"Backups \"}\n\n"
                + "data: {\"responseString\":\"run \"}\n\n"
                + "data: {\"responseString\":\"nightly.\"}\n\n"
                + "data: " + GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID) + "\n\n", r.body());
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertEquals(404, get("/nope").statusCode());
        HttpResponse<String> outside = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fake.port() + "/datasets")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, outside.statusCode());
    }

    // ------------------------------------------------------------ scripted responses

    @Test
    void scriptedStatusAppliesOnlyTimesThenFallsBack() throws Exception {
        fake.on("GET", "/datasets").respond(503, "{\"message\":\"cluster down\"}").withHeader("Retry-After", "7")
                .times(1);
        HttpResponse<String> first = get("/datasets");
        assertEquals(503, first.statusCode());
        assertEquals("{\"message\":\"cluster down\"}", first.body());
        assertEquals("7", first.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("application/json", first.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(200, get("/datasets").statusCode());
    }

    @Test
    void scriptsApplyInRegistrationOrder() throws Exception {
        fake.on("POST", "/ask").respond(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "1").times(2);
        fake.on("POST", "/ask").respond(500, "{\"errorMessage\":\"boom\"}");
        assertEquals(429, post("/ask", "{}").statusCode());
        assertEquals(429, post("/ask", "{}").statusCode());
        assertEquals(500, post("/ask", "{}").statusCode());
        assertEquals(500, post("/ask", "{}").statusCode());
    }

    @Test
    void scriptsOverrideTheApiKeyCheck() throws Exception {
        fake.on("GET", "/datasets").respond(403, "{\"message\":\"no GAIA_VIEW\"}");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/datasets")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
    }

    @Test
    void trailingStarMatchesAPathPrefix() throws Exception {
        fake.on("GET", "/dataset/*").respond(404, "{\"message\":\"unknown\",\"errorCode\":\"kNotFound\"}");
        HttpResponse<String> r = get("/dataset/x%20y/details");
        assertEquals(404, r.statusCode());
        assertEquals("/dataset/x y/details", fake.lastRequest().path());
        assertTrue(r.body().contains("unknown"));
    }

    @Test
    void contentTypeOverrideSendsNonJsonBody() throws Exception {
        fake.on("GET", "/datasets").respond(502, "<html><body>Bad gateway</body></html>").withContentType("text/html");
        HttpResponse<String> r = get("/datasets");
        assertEquals(502, r.statusCode());
        assertEquals("text/html", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("<html><body>Bad gateway</body></html>", r.body());
    }

    @Test
    void noContentHasNoBody() throws Exception {
        fake.on("DELETE", "/dataset/old").respond(204);
        HttpResponse<String> r = HTTP.send(request("/dataset/old").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void afterDelayHoldsHeadersAndBody() throws Exception {
        fake.on("GET", "/datasets").respond(200, "{\"datasets\":[]}").afterDelay(Duration.ofMillis(400));
        long t0 = System.nanoTime();
        // ofInputStream returns as soon as the status line and headers arrive
        HttpResponse<InputStream> r = HTTP.send(request("/datasets").build(), HttpResponse.BodyHandlers.ofInputStream());
        long headersAfterMs = (System.nanoTime() - t0) / 1_000_000;
        try (InputStream body = r.body()) {
            assertEquals("{\"datasets\":[]}", new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(headersAfterMs >= 380, "headers after " + headersAfterMs + " ms");
    }

    @Test
    void clientGivingUpDuringDelayIsRecorded() throws Exception {
        fake.on("POST", "/ask").respond(200, "{}").afterDelay(Duration.ofSeconds(10));
        HttpRequest timesOut = request("/ask").timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThrows(java.net.http.HttpTimeoutException.class, () -> HTTP.send(timesOut,
                HttpResponse.BodyHandlers.ofString()));
        assertTrue(fake.awaitClientClosed("/ask", Duration.ofSeconds(3)));
    }

    @Test
    void hangSendsNothingAndClientLeavingIsRecorded() throws Exception {
        fake.on("POST", "/ask").hang();
        try (Socket s = rawRequest("POST", "/ask", "{}")) {
            s.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            assertEquals(1, fake.requestsTo("/ask").size(), "the request was read");
            assertFalse(fake.awaitClientClosed("/ask", Duration.ofMillis(50)));
        }
        assertTrue(fake.awaitClientClosed("/ask", Duration.ofSeconds(2)));
    }

    @Test
    void hangEndsWhenTheFakeIsReset() throws Exception {
        fake.on("POST", "/ask").hang();
        try (Socket s = rawRequest("POST", "/ask", "{}")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fake.requests().size() == 1);
            fake.reset();
            assertEquals(-1, s.getInputStream().read(), "closed without a response");
            assertTrue(fake.clientClosedPaths().isEmpty(), "closing it ourselves is not the client leaving");
        }
    }

    @Test
    void resetConnectionSendsTcpReset() throws Exception {
        fake.on("POST", "/ask").resetConnection();
        try (Socket s = rawRequest("POST", "/ask", "{}")) {
            SocketException e = assertThrows(SocketException.class, () -> s.getInputStream().read());
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
        }
        assertThrows(IOException.class, () -> post("/ask", "{}"));
    }

    // ------------------------------------------------------------ streams

    @Test
    void streamWritesCommentsNamedEventsAndRawBytesVerbatim() throws Exception {
        fake.on("POST", "/ask/stream").stream(SseScript.sse()
                .comment("keep-alive")
                .event("{\"responseString\":\"Hello \"}")
                .event("message", "{\"data\":{\"responseString\":\"world\"}}")
                .event("line1\nline2")
                .raw("data: {\"queryUid\":\"q1\",\"documents\":[]}\n"));
        HttpResponse<String> r = post("/ask/stream", "{}");
        assertEquals(": keep-alive\n\n"
                + "data: {\"responseString\":\"Hello \"}\n\n"
                + "event: message\ndata: {\"data\":{\"responseString\":\"world\"}}\n\n"
                + "data: line1\ndata: line2\n\n"
                + "data: {\"queryUid\":\"q1\",\"documents\":[]}\n", r.body());
    }

    @Test
    void liveShapeWrapsEveryPayloadInData() throws Exception {
        fake.on("POST", "/ask/stream").stream(SseScript.live("Hi"));
        HttpResponse<String> r = post("/ask/stream", "{}");
        assertTrue(r.body().startsWith("data: {\"data\":{\"responseString\":\"Hi\"}}\n\n"), r.body());
        assertTrue(r.body().endsWith("data: {\"data\":" + GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID)
                + "}\n\n"), r.body());
    }

    @Test
    void streamPiecesArriveSeparatedByTheirPauses() throws Exception {
        fake.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("a").pause(Duration.ofMillis(300)).event("b").pause(Duration.ofMillis(300)).event("c"));
        HttpResponse<InputStream> r = HTTP.send(request("/ask/stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        long t0 = System.nanoTime();
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: ")) {
                    arrivals.add((System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
        assertEquals(3, arrivals.size());
        assertTrue(arrivals.get(0) < 200, "first event flushed at once: " + arrivals);
        assertTrue(arrivals.get(1) - arrivals.get(0) >= 250, "gap a-b: " + arrivals);
        assertTrue(arrivals.get(2) - arrivals.get(1) >= 250, "gap b-c: " + arrivals);
    }

    @Test
    void endFinishesWithTerminatingChunkAndKeepsTheConnection() throws Exception {
        fake.on("POST", "/ask/stream").stream(SseScript.sse().event("x").thenEnd());
        try (Socket s = rawRequest("POST", "/ask/stream", "{}")) {
            String wire = readUntil(s, "\r\n0\r\n\r\n");
            assertTrue(wire.contains("Transfer-Encoding: chunked"));
            assertEquals(List.of("data: x\n\n"), chunks(wire).data());
            assertTrue(chunks(wire).terminated());
            s.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "still open");
        }
    }

    @Test
    void cutEndsTheStreamWithoutTerminatingChunk() throws Exception {
        fake.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"Hel\"}")
                .raw("data: {\"queryUid\":\"q1\",\"documents\":[]}\n")
                .thenCut());
        try (Socket s = rawRequest("POST", "/ask/stream", "{}")) {
            String wire = readToEof(s); // a clean EOF (FIN), not a reset
            Chunks body = chunks(wire);
            assertEquals(List.of("data: {\"responseString\":\"Hel\"}\n\n", "data: {\"queryUid\":\"q1\",\"documents\":[]}\n"),
                    body.data());
            assertFalse(body.terminated());
        }
        assertThrows(IOException.class, () -> post("/ask/stream", "{}"), "a client sees a premature end");
        assertTrue(fake.clientClosedPaths().isEmpty());
    }

    @Test
    void thenResetResetsTheConnectionMidStream() throws Exception {
        fake.on("POST", "/ask/stream").stream(SseScript.sse().event("a").pause(Duration.ofMillis(100)).thenReset());
        try (Socket s = rawRequest("POST", "/ask/stream", "{}")) {
            readUntil(s, "data: a\n\n");
            assertThrows(SocketException.class, () -> readToEof(s));
        }
    }

    @Test
    void clientCloseMidStreamIsRecorded() throws Exception {
        fake.on("POST", "/ask/stream").stream(SseScript.sse().event("a").pause(Duration.ofSeconds(10)).event("b"));
        int before = fake.openConnections(); // the shared HttpClient may keep idle connections
        try (Socket s = rawRequest("POST", "/ask/stream", "{}")) {
            readUntil(s, "data: a\n\n\r\n");
            assertFalse(fake.awaitClientClosed("/ask/stream", Duration.ofMillis(50)));
        }
        assertTrue(fake.awaitClientClosed("/ask/stream", Duration.ofSeconds(10)));
        // At most: the shared HttpClient's idle connections may close meanwhile too.
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.openConnections() <= before);
    }

    @Test
    void thenHangKeepsTheStreamOpenUntilTheClientLeaves() throws Exception {
        fake.on("POST", "/ask/stream").stream(SseScript.guide("Hello").thenHang());
        try (Socket s = rawRequest("POST", "/ask/stream", "{}")) {
            readUntil(s, "\"finishReason\":\"stop\"}\n\n\r\n");
            s.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "nothing more, not closed");
        }
        assertTrue(fake.awaitClientClosed("/ask/stream", Duration.ofSeconds(2)));
    }

    @Test
    void completedStreamIsNotRecordedAsClientClose() throws Exception {
        assertEquals(200, post("/ask/stream", "{}").statusCode());
        assertFalse(fake.awaitClientClosed("/ask/stream", Duration.ofMillis(200)));
    }

    @Test
    void streamMayAnswerWithAnErrorStatusBeforeAnyEvent() throws Exception {
        fake.on("POST", "/ask/stream").respond(429, "{\"message\":\"rate limited\"}").withHeader("Retry-After", "3");
        HttpResponse<String> r = post("/ask/stream", "{}");
        assertEquals(429, r.statusCode());
        assertEquals("3", r.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("{\"message\":\"rate limited\"}", r.body());
    }

    // ------------------------------------------------------------ recording, lifecycle

    @Test
    void requestsAreRecordedWithPathQueryHeadersAndBody() throws Exception {
        HTTP.send(request("/datasets?prefix=eng%20docs&x=1&x=2").header("X-GAIA-SECURITY-CTX", "tenant-1").build(),
                HttpResponse.BodyHandlers.ofString());
        post("/ask", "{\"queryString\":\"h\u00e9\"}");

        List<RecordedRequest> all = fake.requests();
        assertEquals(2, all.size());
        RecordedRequest list = all.get(0);
        assertEquals("GET", list.method());
        assertEquals("/datasets", list.path());
        assertEquals("/v2/mcm/gaia/datasets?prefix=eng%20docs&x=1&x=2", list.rawTarget());
        assertEquals("eng docs", list.queryParam("prefix"));
        assertEquals(List.of("1", "2"), list.query().get("x"));
        assertEquals("good-key", list.header("APIKEY"), "header names ignore case");
        assertEquals("tenant-1", list.header("x-gaia-security-ctx"));
        assertEquals("", list.body());

        RecordedRequest ask = fake.lastRequest();
        assertEquals("POST", ask.method());
        assertEquals("/ask", ask.path());
        assertEquals("{\"queryString\":\"h\u00e9\"}", ask.body());
        assertEquals("application/json", ask.header("content-type"));
    }

    @Test
    void resetForgetsScriptsAndRequests() throws Exception {
        fake.on("GET", "/datasets").respond(500, "{}");
        get("/datasets");
        fake.reset();
        assertTrue(fake.requests().isEmpty());
        assertNull(fake.lastRequest());
        assertEquals(200, get("/datasets").statusCode());
    }

    @Test
    void openConnectionsCountsLiveConnections() throws Exception {
        // A fake of its own: the shared HttpClient's idle connections to the shared fake come and go.
        try (FakeGaia own = FakeGaia.start()) {
            try (Socket s = new Socket("127.0.0.1", own.port())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> own.openConnections() == 1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> own.openConnections() == 0);
        }
    }

    @Test
    void closedPortUrlRefusesConnections() {
        String url = FakeGaia.closedPortUrl();
        assertTrue(url.startsWith("http://127.0.0.1:") && url.endsWith("/v2/mcm/gaia"), url);
        IOException e = assertThrows(IOException.class, () -> HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/datasets")).build(), HttpResponse.BodyHandlers.ofString()));
        assertTrue(e instanceof ConnectException || e.getCause() instanceof ConnectException, e.toString());
    }

    @Test
    void stopClosesThePortAndEndsItsThreads() throws Exception {
        FakeGaia other = FakeGaia.start();
        other.on("POST", "/ask").hang();
        int port = other.port();
        try (Socket hanging = new Socket("127.0.0.1", port)) {
            hanging.getOutputStream().write(("POST /v2/mcm/gaia/ask HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            await().atMost(Duration.ofSeconds(10)).until(() -> other.requests().size() == 1);
            other.stop();
            assertEquals(-1, hanging.getInputStream().read(), "hanging connection closed by stop");
        }
        assertEquals(0, other.openConnections());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("fake-gaia-" + port + "-")));
    }

    // ------------------------------------------------------------ helpers

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .header("apiKey", FakeGaia.GOOD_API_KEY);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request over a fresh socket, for checks at the byte level. */
    private static Socket rawRequest(String method, String path, String body) throws IOException {
        Socket s = new Socket("127.0.0.1", fake.port());
        s.setSoTimeout(5_000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + FakeGaia.BASE_PATH + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "apiKey: " + FakeGaia.GOOD_API_KEY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        return s;
    }

    private static String readUntil(Socket s, String marker) throws IOException {
        StringBuilder b = new StringBuilder();
        InputStream in = s.getInputStream();
        while (b.indexOf(marker) < 0) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("EOF before " + marker + " in " + b);
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static String readToEof(Socket s) throws IOException {
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private record Chunks(List<String> data, boolean terminated) {
    }

    /** Decodes the chunked body of a raw HTTP response. */
    private static Chunks chunks(String wire) {
        int at = wire.indexOf("\r\n\r\n") + 4;
        List<String> data = new ArrayList<>();
        while (at < wire.length()) {
            int eol = wire.indexOf("\r\n", at);
            int size = Integer.parseInt(wire.substring(at, eol), 16);
            if (size == 0) {
                return new Chunks(data, wire.startsWith("\r\n", eol + 2));
            }
            data.add(new String(wire.substring(eol + 2, eol + 2 + size).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8));
            at = eol + 2 + size + 2;
        }
        return new Chunks(data, false);
    }
}
