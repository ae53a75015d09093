package io.gaia.bff.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A real WebSocket client (Vert.x core's) for /api/v1/ws that records every message it receives, in
 * order, and how the socket was closed. Waits are bounded so a missing message fails the test
 * instead of hanging it.
 */
public final class LiveClient implements AutoCloseable {

    /** How the service closed the socket; code is null if the close frame had none. */
    public record Closed(Short code, String reason) {
    }

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<String> ENDINGS = Set.of("done", "error", "cancelled");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketClient client;
    private final List<JsonNode> received = new ArrayList<>(); // guarded by this
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private WebSocket socket;
    private int nextUnread; // guarded by this

    private LiveClient(WebSocketClient client) {
        this.client = client;
    }

    /** Connects to the endpoint (an http:// URL as {@code @TestHTTPResource} gives it). */
    public static LiveClient connect(Vertx vertx, URI endpoint) {
        return connect(vertx, endpoint, Map.of());
    }

    /** Connects as a page from this origin would (browsers always send Origin on a WebSocket). */
    public static LiveClient connect(Vertx vertx, URI endpoint, String origin) {
        return connect(vertx, endpoint, origin == null ? Map.of() : Map.of("Origin", origin));
    }

    /** Connects with these headers on the handshake. */
    public static LiveClient connect(Vertx vertx, URI endpoint, Map<String, String> headers) {
        // Larger than the service's limit, so the test can send an oversized message.
        LiveClient live = new LiveClient(vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20)));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(endpoint.getHost()).setPort(endpoint.getPort()).setURI(endpoint.getPath());
        headers.forEach(options::addHeader);
        try {
            // Handlers are set in the completion callback, on the socket's event loop, before any frame is read.
            live.socket = live.client.connect(options).map(ws -> {
                if (ws.isClosed()) {
                    // A socket the service closes at once (one opened during a shutdown) can be closed by
                    // the time this runs: its close frame came in the same read as the handshake's answer.
                    live.closed.complete(new Closed(ws.closeStatusCode(), ws.closeReason()));
                    return ws;
                }
                ws.textMessageHandler(live::received);
                ws.closeHandler(ignored -> live.closed.complete(new Closed(ws.closeStatusCode(), ws.closeReason())));
                return ws;
            }).toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not connect to " + endpoint, e);
        }
        return live;
    }

    /** Sends the auth message and returns the ready message that must answer it. */
    public JsonNode authenticate(String sessionId) {
        send(Map.of("type", "auth", "sessionId", sessionId));
        JsonNode ready = next();
        assertEquals("ready", ready.path("type").asText(), "answer to auth: " + ready);
        return ready;
    }

    /** Sends an ask for these datasets and question under this id. */
    public void ask(String id, List<String> datasetNames, String question) {
        send(Map.of("type", "ask", "id", id, "datasetNames", datasetNames, "queryString", question));
    }

    public void cancel(String id) {
        send(Map.of("type", "cancel", "id", id));
    }

    public void send(Object message) {
        try {
            sendRaw(JSON.writeValueAsString(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public void sendRaw(String text) {
        try {
            socket.writeTextMessage(text).toCompletionStage().toCompletableFuture()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not send", e);
        }
    }

    /** Sends the bytes as one binary message, as ws.send(blob) or ws.send(arrayBuffer) would. */
    public void sendBinary(byte[] data) {
        try {
            socket.writeBinaryMessage(Buffer.buffer(data)).toCompletionStage().toCompletableFuture()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not send", e);
        }
    }

    /** The next message not yet returned by next(). */
    public synchronized JsonNode next() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (nextUnread >= received.size()) {
            waitUntil(deadline, "the next message (closed: " + closed.getNow(null) + ")");
        }
        return received.get(nextUnread++);
    }

    /** The first message (of all received so far or later) that matches. */
    public synchronized JsonNode await(Predicate<JsonNode> matching, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (JsonNode message : received) {
                if (matching.test(message)) {
                    return message;
                }
            }
            waitUntil(deadline, description);
        }
    }

    /** Waits for the message that ends this id's ask, then returns all of the id's messages in order. */
    public List<JsonNode> awaitEnd(String id) {
        await(m -> id.equals(m.path("id").asText(null)) && ENDINGS.contains(m.path("type").asText()),
                "the end of ask " + id);
        return messagesFor(id);
    }

    public synchronized List<JsonNode> messagesFor(String id) {
        return received.stream().filter(m -> id.equals(m.path("id").asText(null))).toList();
    }

    public synchronized List<JsonNode> all() {
        return List.copyOf(received);
    }

    public Closed awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the socket was not closed; received " + all(), e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
        client.close();
    }

    private synchronized void received(String text) {
        try {
            received.add(JSON.readTree(text));
        } catch (Exception e) {
            received.add(JSON.getNodeFactory().textNode("not JSON: " + text));
        }
        notifyAll();
    }

    private void waitUntil(long deadline, String what) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            fail("timed out waiting for " + what + "; received " + received);
        }
        try {
            wait(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for " + what);
        }
    }
}
