package io.gaia.bff.live;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * {@code /api/v1/ws}: streamed answers over one WebSocket, several at a time.
 *
 * <p>Every message, in both directions, is one JSON object in a text message, with a {@code type}.
 * Field names are camelCase; a binary message is refused with MALFORMED_JSON. A client message over WS_MAX_MESSAGE_BYTES (default 65536, UTF-8) is
 * refused with PAYLOAD_TOO_LARGE; the WebSocket layer drops the connection outright at 1 MiB.
 *
 * <h2>Client to service</h2>
 * <ul>
 * <li>{@code {"type":"auth","sessionId":"<session_id from POST /api/v1/login>"}}: must be the first
 * message, sent within WS_AUTH_TIMEOUT_SECONDS (default 5) of connecting. Browsers cannot set
 * headers on a WebSocket, and a session id in the URL would end up in access logs. Answered with
 * {@code ready}.</li>
 * <li>{@code {"type":"ask","id":"<client id>","datasetNames":[...],"queryString":"...",
 * "conversationId":"...","llmName":"...","llmId":"..."}}: the fields and limits of POST /api/v1/ask
 * (conversationId, llmName, llmId optional). {@code id} is the client's name for this ask: a
 * non-blank string of at most 128 characters, not used by another ask still running on this socket.
 * Every reply about the ask carries it. Any number of asks may run at once.</li>
 * <li>{@code {"type":"cancel","id":"<id of a running ask>"}}: stops that ask and closes its call to
 * Gaia. Answered with {@code cancelled}.</li>
 * </ul>
 * Unknown fields are ignored.
 *
 * <h2>Service to client</h2>
 * <ul>
 * <li>{@code {"type":"ready","expiresAt":"<ISO-8601 instant>"}}: authenticated; asks may be sent.
 * The socket is closed when the session expires at {@code expiresAt}.</li>
 * <li>{@code {"type":"delta","id":"...","text":"..."}}: the next piece of the answer (Gaia's
 * increment, in order); the texts of an ask concatenated are its answer.</li>
 * <li>{@code {"type":"done","id":"...","queryUid":"...","conversationId":"...","documents":[...]}}:
 * the answer is complete. {@code documents} are Gaia's cited documents, unchanged;
 * {@code conversationId} continues the conversation in a later ask. queryUid and conversationId
 * are null if Gaia did not send them.</li>
 * <li>{@code {"type":"cancelled","id":"..."}}: the reply to {@code cancel}.</li>
 * <li>{@code {"type":"error","id":"...","code":"...","detail":"...","errors":[{"field","message"}],
 * "retryAfter":"..."}}: {@code code} and {@code detail} as in the HTTP API's problem bodies;
 * {@code id} when the error concerns a message or ask whose id could be read; {@code errors} for
 * invalid messages, naming each field; {@code retryAfter} (seconds, or what Gaia sent) when retrying
 * later can help (TOO_MANY_STREAMS, SHUTTING_DOWN, RATE_LIMITED).</li>
 * </ul>
 *
 * <h2>How an ask ends</h2>
 * Each started ask ends with exactly one of {@code done}, {@code cancelled} or an {@code error}
 * carrying its id (GAIA_* codes, NOT_FOUND, RATE_LIMITED, TOO_MANY_STREAMS when the instance is at
 * STREAM_MAX_CONCURRENT, SHUTTING_DOWN, SESSION_INVALID, ...), after which nothing more is sent for
 * that id; or by the socket closing, which ends every running ask. Errors with code
 * VALIDATION_FAILED or MALFORMED_JSON only ever refuse the message just received (an invalid ask, an
 * id still in use, a cancel for an id not running, an unknown type); they never end a running ask,
 * even one with the same id, and the socket stays usable; so does PAYLOAD_TOO_LARGE. Gaia's silence and length limits
 * (STREAM_IDLE_TIMEOUT_SECONDS, STREAM_MAX_DURATION_SECONDS) end an ask with GAIA_TIMEOUT.
 *
 * <h2>When the service closes the socket</h2>
 * With close code 1008 (policy violation), or 1009 (message too big) for PAYLOAD_TOO_LARGE, and the
 * reason {@code "<CODE>: <detail>"} cut to 123 bytes, right after an {@code error} message with the
 * same code:
 * <ul>
 * <li>SESSION_REQUIRED: no auth message within the time limit, a first message other than auth,
 * or an auth message without sessionId;</li>
 * <li>SESSION_INVALID: an unknown or logged-out session (at auth or on any later message), or Gaia
 * rejecting the session's key during an ask (the session is ended; the error carries the ask's id);</li>
 * <li>SESSION_EXPIRED: the session expired (checked on every message and when it reaches
 * {@code expiresAt});</li>
 * <li>MALFORMED_JSON, VALIDATION_FAILED or PAYLOAD_TOO_LARGE: the first message was not a valid
 * auth message (a binary message included).</li>
 * </ul>
 * When the service shuts down (SIGTERM), each running ask gets its SHUTTING_DOWN {@code error}, then
 * every socket is closed at once with close code 1001 (going away) and the reason
 * {@code "SHUTTING_DOWN: <detail>"}; the client reconnects (another instance answers) and asks again.
 * When the client closes the socket, every running ask is cancelled and its call to Gaia closed.
 * The service pings every 30 s so proxies keep quiet sockets open; browsers answer by themselves.
 * Messages never contain the session id or the API key.
 */
@WebSocket(path = LiveSocket.PATH)
public class LiveSocket {

    public static final String PATH = "/api/v1/ws";

    private static final UserData.TypedKey<LiveConnection> CONNECTION = new UserData.TypedKey<>("gaia-bff.live");
    private static final Logger LOG = Logger.getLogger(LiveSocket.class);

    private final LiveServices services;

    public LiveSocket(LiveServices services) {
        this.services = services;
    }

    // Every callback is non-blocking: sessions are in memory, Gaia is called asynchronously, so none
    // of them needs a worker thread.

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection socket) {
        UpgradeRequests.resumeRequestId(socket);
        LiveConnection connection = new LiveConnection(socket, services);
        socket.userData().put(CONNECTION, connection);
        connection.opened();
    }

    @OnTextMessage
    @NonBlocking
    void onMessage(String text, WebSocketConnection socket) {
        UpgradeRequests.resumeRequestId(socket);
        socket.userData().get(CONNECTION).receive(text);
    }

    /** Without this callback, websockets-next drops binary messages unseen and the client waits for an answer. */
    @OnBinaryMessage
    @NonBlocking
    void onBinaryMessage(Buffer data, WebSocketConnection socket) {
        UpgradeRequests.resumeRequestId(socket);
        socket.userData().get(CONNECTION).receiveBinary();
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection socket) {
        UpgradeRequests.resumeRequestId(socket);
        LiveConnection connection = socket.userData().get(CONNECTION);
        if (connection != null) {
            connection.closed();
        }
        UpgradeRequests.finish(socket);
    }

    @OnError
    @NonBlocking
    void onError(Throwable failure, WebSocketConnection socket) {
        UpgradeRequests.resumeRequestId(socket);
        LiveConnection connection = socket.userData().get(CONNECTION);
        if (connection == null || socket.isClosed()) {
            // A socket torn down by the network or the size limit: nobody left to tell.
            LOG.debugf("WebSocket %s failed after closing: %s", socket.id(), failure.toString());
            return;
        }
        connection.failed(failure);
    }
}
