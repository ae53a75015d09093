package io.gaia.bff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.DeafSocket;
import io.gaia.bff.support.StalledBrowser;
import io.gaia.bff.support.LiveClient;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.PackagedService;
import io.gaia.bff.testing.Ports;
import io.gaia.bff.testing.SseScript;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.GoAway;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;

/**
 * SIGTERM (what Kubernetes sends) while a browser is mid-answer: the browser is told the service is
 * going away, the Gaia call is closed, and the service exits instead of waiting for the answer.
 */
class ShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sigtermEndsOpenStreamsWithAnErrorEventAndTheServiceExits() throws Exception {
        try (FakeGaia gaia = FakeGaia.start()) {
            answerStallingAfterItsFirstPiece(gaia);
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown", ".log");
            Process service = startService(gaia, port, log, Map.of());
            try {
                URL root = URI.create("http://127.0.0.1:" + port + "/").toURL();
                String session = login(port);

                try (StreamClient stream = StreamClient.open(root, session,
                        Map.of("datasetNames", List.of("handbook"), "queryString", "q"))) {
                    assertEquals("stream open", stream.next().comment());
                    assertTrue(stream.next().data().contains("first"));

                    long stopping = System.nanoTime();
                    service.destroy(); // SIGTERM
                    List<Frame> rest = StreamClient.events(stream.readToEnd());
                    Frame last = rest.get(rest.size() - 1);
                    assertEquals("error", last.name(), "the browser hears why the stream ends: " + rest);
                    JsonNode problem = JSON.readTree(last.data());
                    assertEquals("SHUTTING_DOWN", problem.path("code").asText());
                    assertTrue(service.waitFor(15, TimeUnit.SECONDS), "the service exited without waiting for Gaia");
                    long tookMillis = (System.nanoTime() - stopping) / 1_000_000;
                    assertTrue(tookMillis < 12_000, "shutdown took " + tookMillis + " ms; Gaia would have needed 30 s");
                }
                assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(5)), "the Gaia call was closed");
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertTrue(output.contains("ending 1 open answer stream"), output);
        }
    }

    /**
     * Open WebSockets, idle or mid-answer, are closed by the service with 1001 (going away) the moment
     * SIGTERM arrives, so they neither hold the shutdown for SHUTDOWN_TIMEOUT_SECONDS nor leave the
     * browser on a socket that will never answer.
     */
    @Test
    void sigtermClosesOpenWebSocketsAsGoingAwayAndExitsWithoutWaitingForTheShutdownTimeout() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeGaia gaia = FakeGaia.start()) {
            answerStallingAfterItsFirstPiece(gaia);
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown-ws", ".log");
            // Far beyond the bound below: only sockets holding the shutdown could take this long.
            Process service = startService(gaia, port, log, Map.of("SHUTDOWN_TIMEOUT_SECONDS", "20"));
            try {
                String session = login(port);
                URI endpoint = URI.create("http://127.0.0.1:" + port + "/api/v1/ws");

                try (LiveClient idle = LiveClient.connect(vertx, endpoint);
                        LiveClient busy = LiveClient.connect(vertx, endpoint)) {
                    idle.authenticate(session);
                    busy.authenticate(session);
                    busy.ask("q1", List.of("handbook"), "q");
                    busy.await(m -> "delta".equals(m.path("type").asText()), "the first piece of the answer");

                    long stopping = System.nanoTime();
                    service.destroy(); // SIGTERM
                    LiveClient.Closed busyClosed = busy.awaitClose();
                    LiveClient.Closed idleClosed = idle.awaitClose();
                    assertEquals(Short.valueOf((short) 1001), idleClosed.code(), "idle socket: " + idleClosed);
                    assertEquals(Short.valueOf((short) 1001), busyClosed.code(), "busy socket: " + busyClosed);
                    assertTrue(idleClosed.reason().startsWith("SHUTTING_DOWN: "), idleClosed.reason());
                    // Everything a socket received arrived before its close frame.
                    List<JsonNode> answer = busy.messagesFor("q1");
                    JsonNode last = answer.get(answer.size() - 1);
                    assertEquals("error", last.path("type").asText(), "the ask is told why it ends: " + answer);
                    assertEquals("SHUTTING_DOWN", last.path("code").asText(), answer.toString());
                    assertEquals(1, idle.all().size(), "the idle socket got only its ready: " + idle.all());

                    assertTrue(service.waitFor(15, TimeUnit.SECONDS), "the service exited");
                    long tookMillis = (System.nanoTime() - stopping) / 1_000_000;
                    assertTrue(tookMillis < 8_000, "shutdown took " + tookMillis + " ms; the timeout is 20 s");
                }
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertTrue(!output.contains("Timed out waiting for graceful shutdown"), output);
            assertTrue(!output.contains("ERROR"), output);
            assertTrue(output.contains("closing 2 open WebSocket"), output);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A client that never answers the service's close frame (its network is gone) is dropped 2 s
     * later, instead of after Vert.x's 10 s, so it cannot hold the shutdown either.
     */
    @Test
    void sigtermDropsASocketThatNeverAnswersTheCloseFrameWithinSeconds() throws Exception {
        try (FakeGaia gaia = FakeGaia.start()) {
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown-deaf", ".log");
            Process service = startService(gaia, port, log, Map.of("SHUTDOWN_TIMEOUT_SECONDS", "20"));
            try {
                String session = login(port);

                try (DeafSocket deaf = DeafSocket.authenticated(port, session)) {
                    long stopping = System.nanoTime();
                    service.destroy(); // SIGTERM
                    assertTrue(service.waitFor(15, TimeUnit.SECONDS), "the service exited");
                    long tookMillis = (System.nanoTime() - stopping) / 1_000_000;
                    assertTrue(tookMillis < 8_000, "shutdown took " + tookMillis + " ms; Vert.x alone would wait 10 s");
                    DeafSocket.CloseFrame sent = deaf.closeFrame();
                    assertEquals(1001, sent.code(), "the service still said why: " + sent);
                }
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertTrue(!output.contains("Timed out waiting for graceful shutdown"), output);
            assertTrue(!output.contains("ERROR"), output);
        }
    }

    /**
     * A browser that left a stream while the service was still writing to it (a tab closed mid-answer,
     * frames unread) does not hold a later shutdown: RESTEasy resets such a response and Vert.x never
     * reported its end, so it stayed counted in flight and every SIGTERM waited the whole timeout.
     */
    @Test
    void aBrowserThatLeftAStreamMidAnswerDoesNotHoldALaterShutdown() throws Exception {
        try (FakeGaia gaia = FakeGaia.start()) {
            SseScript answer = SseScript.sse();
            String piece = "{\"responseString\":\"" + "x".repeat(48 * 1024) + "\"}";
            for (int i = 0; i < 400; i++) {
                answer.event(piece);
            }
            gaia.on("POST", "/ask/stream").stream(answer.thenEnd());
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown-left", ".log");
            Process service = startService(gaia, port, log, Map.of("SHUTDOWN_TIMEOUT_SECONDS", "20", "LOG_JSON", "false"));
            try {
                String session = login(port);
                try (Socket browser = StalledBrowser.ask("127.0.0.1", port, session, "req-left-mid-answer")) {
                    assertTrue(browser.getInputStream().read(new byte[512]) > 0, "the stream opened");
                    Thread.sleep(1000); // the service now has frames the browser does not take
                }
                assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(5)), "the Gaia call was closed");

                long stopping = System.nanoTime();
                service.destroy(); // SIGTERM
                assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service exited");
                long tookMillis = (System.nanoTime() - stopping) / 1_000_000;
                assertTrue(tookMillis < 12_000, "shutdown took " + tookMillis + " ms; the timeout is 20 s");
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertTrue(!output.contains("Timed out waiting for graceful shutdown"), output);
            assertTrue(output.lines().anyMatch(line -> line.endsWith("complete=false")
                    && line.contains("[req-left-mid-answer] access method=POST route=/api/v1/ask/stream status=200")), output);
        }
    }

    /** A non-streaming ask in flight when SIGTERM arrives is answered before the service exits. */
    @Test
    void sigtermLetsAnInFlightAskFinish() throws Exception {
        try (FakeGaia gaia = FakeGaia.start()) {
            gaia.on("POST", "/ask").respond(200, "{\"responseString\":\"finished answer\"}")
                    .afterDelay(Duration.ofSeconds(2));
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown-ask", ".log");
            Process service = startService(gaia, port, log, Map.of());
            try {
                String root = "http://127.0.0.1:" + port + "/";
                String session = login(port);

                java.util.concurrent.CompletableFuture<io.restassured.response.Response> ask =
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> RestAssured.given().baseUri(root)
                                .header("X-Session-ID", session).contentType(ContentType.JSON)
                                .body(Map.of("datasetNames", List.of("handbook"), "queryString", "q"))
                                .post("/api/v1/ask"));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (gaia.requestsTo("/ask").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(!gaia.requestsTo("/ask").isEmpty(), "the ask reached Gaia before SIGTERM");
                service.destroy(); // SIGTERM, mid-request
                io.restassured.response.Response answer = ask.get(15, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode(), answer.asString());
                assertTrue(answer.asString().contains("finished answer"), answer.asString());
                assertTrue(service.waitFor(15, TimeUnit.SECONDS), "the service exited after the answer");
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Kubernetes takes a moment after SIGTERM to stop sending a pod traffic. During SHUTDOWN_DELAY_SECONDS
     * the service reports not ready and still answers, so a request that arrives in that moment is
     * served instead of refused; then it stops.
     */
    @Test
    void sigtermKeepsServingThroughTheShutdownDelayWhileReportingNotReady() throws Exception {
        try (FakeGaia gaia = FakeGaia.start()) {
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown-delay", ".log");
            Process service = startService(gaia, port, log, Map.of("SHUTDOWN_DELAY_SECONDS", "3"));
            try {
                String root = "http://127.0.0.1:" + port + "/";
                String session = login(port);
                RestAssured.given().baseUri(root).get("/q/health/ready").then().statusCode(200);

                long stopping = System.nanoTime();
                service.destroy(); // SIGTERM
                awaitNotReady(port);
                RestAssured.given().baseUri(root).header("X-Session-ID", session).get("/api/v1/datasets")
                        .then().statusCode(200);
                assertTrue(service.isAlive(), "still serving within the delay");

                assertTrue(service.waitFor(15, TimeUnit.SECONDS), "the service exited after the delay");
                long tookMillis = (System.nanoTime() - stopping) / 1_000_000;
                assertTrue(tookMillis >= 3_000, "exited after " + tookMillis + " ms, before the 3 s delay");
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertTrue(!output.contains("ERROR"), output);
        }
    }

    /**
     * Leaving the Service stops only new connections: a browser on a keep-alive connection would go on
     * sending its requests here until the delay ends and the server refuses them with a bare 503. So
     * within the delay each answer closes its connection, and the next request opens one elsewhere.
     */
    @Test
    void sigtermClosesKeepAliveConnectionsAfterTheirNextAnswerWithinTheDelay() throws Exception {
        try (FakeGaia gaia = FakeGaia.start()) {
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown-keepalive", ".log");
            // Long, so that the server's own close at the end of the delay cannot pass for what is tested.
            Process service = startService(gaia, port, log, Map.of("SHUTDOWN_DELAY_SECONDS", "10"));
            try (KeepAliveConnection browser = KeepAliveConnection.open(port)) {
                String session = login(port);
                String before = browser.get("/api/v1/datasets", session);
                assertTrue(before.startsWith("HTTP/1.1 200"), before);
                assertTrue(!before.toLowerCase(Locale.ROOT).contains("connection: close"), before);

                service.destroy(); // SIGTERM
                awaitNotReady(port);
                String during = browser.get("/api/v1/datasets", session);
                assertTrue(during.startsWith("HTTP/1.1 200"), "still served within the delay: " + during);
                assertTrue(during.toLowerCase(Locale.ROOT).contains("connection: close"), during);
                assertTrue(browser.closedByService(), "the service closed the connection after the answer");
                assertTrue(service.isAlive(), "and did so within the delay");
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The same over HTTP/2, where a browser sends everything over one connection: it is told GOAWAY. */
    @Test
    void sigtermSendsHttp2ConnectionsAGoawayWithTheirNextAnswerWithinTheDelay() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeGaia gaia = FakeGaia.start()) {
            int port = Ports.free();
            Path log = Files.createTempFile("gaia-bff-shutdown-h2", ".log");
            // Long, so that the server's own close at the end of the delay cannot pass for what is tested.
            Process service = startService(gaia, port, log, Map.of("SHUTDOWN_DELAY_SECONDS", "10"));
            try {
                String session = login(port);
                AtomicInteger connections = new AtomicInteger();
                CompletableFuture<GoAway> goAway = new CompletableFuture<>();
                HttpClient browser = vertx.httpClientBuilder()
                        .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
                                .setDefaultHost("127.0.0.1").setDefaultPort(port))
                        .withConnectHandler(connection -> {
                            connections.incrementAndGet();
                            connection.goAwayHandler(goAway::complete);
                        })
                        .build();
                assertEquals(200, datasetsStatus(vertx, browser, session));
                assertTrue(!goAway.isDone(), "no GOAWAY before the shutdown");

                service.destroy(); // SIGTERM
                awaitNotReady(port);
                assertEquals(200, datasetsStatus(vertx, browser, session), "still served within the delay");
                assertEquals(0, goAway.get(2, TimeUnit.SECONDS).getErrorCode(), "a graceful GOAWAY (NO_ERROR)");
                assertEquals(1, connections.get(), "both requests went over the one connection");
                assertTrue(service.isAlive(), "within the delay");
            } finally {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Started on an event loop, so the body is asked for the moment the response arrives. Asked for
     * later, from the test's thread, a body that has already come is lost and the call never ends
     * (eclipse-vertx/vert.x#5904).
     */
    private static int datasetsStatus(Vertx vertx, HttpClient client, String session) throws Exception {
        Promise<Integer> status = Promise.promise();
        vertx.runOnContext(started -> client.request(HttpMethod.GET, "/api/v1/datasets")
                .compose(request -> request.putHeader("X-Session-ID", session).send())
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(status));
        return status.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** Readiness goes down within 2 s of SIGTERM, so the pod leaves the Service. */
    private static void awaitNotReady(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int ready = 200;
        while (ready == 200 && System.nanoTime() < deadline) {
            ready = RestAssured.given().baseUri("http://127.0.0.1:" + port + "/").get("/q/health/ready").statusCode();
        }
        assertEquals(503, ready, "readiness goes down at once, so the pod leaves the Service");
    }

    /** One HTTP/1.1 connection reused for several requests, as a browser or a load balancer keeps it. */
    private record KeepAliveConnection(Socket socket) implements AutoCloseable {

        static KeepAliveConnection open(int port) throws Exception {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(2_000);
            return new KeepAliveConnection(socket);
        }

        /** The response's status line and headers, its body read and dropped. */
        String get(String path, String session) throws Exception {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Session-ID: " + session
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed within the response head: " + head);
                }
                head.append((char) b);
            }
            Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(head);
            assertTrue(length.find(), "a response with a length: " + head);
            in.readNBytes(Integer.parseInt(length.group(1)));
            return head.toString();
        }

        boolean closedByService() throws Exception {
            return socket.getInputStream().read() == -1;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    /** Gaia sends the first piece of a streamed answer, then nothing for 30 s: a stream the stop must end. */
    private static void answerStallingAfterItsFirstPiece(FakeGaia gaia) {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"first \"}")
                .pause(Duration.ofSeconds(30))
                .event("{\"responseString\":\"never sent\"}")
                .thenEnd());
    }

    /** The packaged service against the fake Gaia, listening on port, its output in log. */
    private static Process startService(FakeGaia gaia, int port, Path log, Map<String, String> settings) throws Exception {
        ProcessBuilder builder = PackagedService.command().redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("GAIA_BASE_URL", gaia.baseUrl(), "QUARKUS_HTTP_PORT", String.valueOf(port),
                "GAIA_PROBE_INTERVAL", "off"));
        builder.environment().putAll(settings);
        Process service = builder.start();
        if (!Ports.awaitListening(port, Duration.ofSeconds(30))) {
            service.destroyForcibly();
            fail("the service did not start listening:\n" + Files.readString(log));
        }
        return service;
    }

    private static String login(int port) {
        return RestAssured.given().baseUri("http://127.0.0.1:" + port + "/").contentType(ContentType.JSON)
                .body(Map.of("api_key", FakeGaia.GOOD_API_KEY)).post("/api/v1/login")
                .then().statusCode(200).extract().path("session_id");
    }
}
