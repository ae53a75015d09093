package io.gaia.bff.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Flow;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.gaia.bff.ask.OpenStreams;
import io.gaia.bff.config.Seconds;
import io.gaia.bff.gaia.GaiaException;
import io.gaia.bff.gaia.GaiaStreamItem;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.gaia.bff.problem.Problem;
import io.gaia.bff.problem.Problems;
import io.gaia.bff.session.Session;
import io.gaia.bff.session.SessionService;
import io.gaia.bff.session.SessionsEnded;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One socket's conversation: waiting for auth, then running asks until the client, the session or
 * the service ends it. Every entry point (client message, Gaia event, timer, shutdown, close) takes
 * this object's lock, and every message is sent while holding it: Vert.x writes a connection's
 * frames in the order they were requested, so each ask's messages reach the client in order even
 * though Gaia's events, timers and client messages arrive on different threads.
 * <p>
 * Each ask takes Gaia's events one at a time, and only while the socket has less than
 * {@value #MAX_UNSENT_CHARS} characters of messages not yet written to the network: a client that
 * stops reading stops the reading from Gaia (GaiaStreamClient) instead of the answers piling up in
 * memory, and the asks go on once the client has read.
 */
final class LiveConnection {

    private enum State {
        AWAITING_AUTH, READY, CLOSED
    }

    /** Vert.x timers run once per setTimer; a far-off expiry is re-armed rather than scheduled in one go. */
    private static final long MAX_TIMER_MILLIS = Duration.ofDays(1).toMillis();
    private static final Logger LOG = Logger.getLogger(LiveConnection.class);
    static final int MAX_UNSENT_CHARS = 256 * 1024;
    private static final long DROP_UNCLOSED_MILLIS = (ClosingHandshakeLimit.SECONDS + 1) * 1000L;

    private final WebSocketConnection socket;
    private final LiveServices services;
    private final Map<String, LiveAsk> asks = new HashMap<>();
    /** Asks that wait for the client to read before taking Gaia's next event. */
    private final Set<LiveAsk> waitingForRoom = new LinkedHashSet<>();
    /** Characters of messages handed to the socket and not yet written to the network. */
    private long unsent;
    private State state = State.AWAITING_AUTH;
    /** The client's secret: checked again on every message, never logged or sent back. */
    private String sessionId;
    /** The session's key id, so that an operator's revocation of the key reaches this socket. */
    private String keyId;
    private long authTimer = -1;
    private long expiryTimer = -1;

    LiveConnection(WebSocketConnection socket, LiveServices services) {
        this.socket = socket;
        this.services = services;
    }

    synchronized void opened() {
        Duration limit = services.authTimeout();
        authTimer = services.vertx().setTimer(limit.toMillis(), timer -> authTimedOut(limit));
        services.sockets().add(this);
    }

    synchronized void receive(String text) {
        if (state == State.CLOSED) {
            return;
        }
        ClientMessage message;
        try {
            message = services.reader().read(requireSize(text));
        } catch (RejectedMessage rejected) {
            refuse(rejected.id(), rejected.problem());
            return;
        }
        if (state == State.AWAITING_AUTH) {
            if (message instanceof ClientMessage.Auth auth) {
                authenticate(auth.sessionId());
            } else {
                closeWith(null, new ApiException(ErrorCode.SESSION_REQUIRED,
                        "Authenticate first: the first message must be {\"type\":\"auth\",\"sessionId\":\"...\"}"));
            }
            return;
        }
        // The session may have expired, been logged out or lost its key since the last message.
        services.sessions().require(sessionId).subscribe().with(session -> dispatch(session, message), this::sessionEnded);
    }

    /**
     * A binary message: every message is JSON in a text message, so it is refused unread like any
     * other invalid one (and, before auth, closes the socket), rather than left without an answer.
     */
    synchronized void receiveBinary() {
        if (state == State.CLOSED) {
            return;
        }
        refuse(null, new ApiException(ErrorCode.MALFORMED_JSON,
                "The message is binary; send each message as JSON in a text message"));
    }

    private synchronized void dispatch(Session session, ClientMessage message) {
        if (state != State.READY) {
            return;
        }
        if (message instanceof ClientMessage.Ask ask) {
            if (refusedAsDuplicate(ask.id())) {
                return;
            }
            // Counted with the HTTP asks (RATE_LIMIT_ASKS_PER_MINUTE); over the limit only this ask is refused.
            services.limits().ask(session).subscribe().with(counted -> startIfReady(session, ask),
                    failure -> refusedAsk(ask.id(), failure));
        } else if (message instanceof ClientMessage.Cancel cancel) {
            cancel(cancel.id());
        } else {
            send(ServerMessage.Error.of(null, new ApiException(ErrorCode.VALIDATION_FAILED,
                    "This socket is already authenticated; open a new socket for another session")));
        }
    }

    private synchronized void startIfReady(Session session, ClientMessage.Ask ask) {
        if (state == State.READY) {
            start(session, ask);
        }
    }

    /** An ask refused before it started (RATE_LIMITED, or the store failed): an error for it, the socket stays. */
    private synchronized void refusedAsk(String id, Throwable failure) {
        send(ServerMessage.Error.of(id, Problems.asApiException(failure)));
    }

    /** The session is over (expired, logged out, revoked) or the store failed: the socket closes. */
    private synchronized void sessionEnded(Throwable failure) {
        if (state != State.CLOSED) {
            closeWith(null, Problems.asApiException(failure));
        }
    }

    /** The session of an authenticated socket, else null. */
    synchronized String heldSessionId() {
        return state == State.READY ? sessionId : null;
    }

    /**
     * Sessions were ended (logout, revocation, eviction; here, or on another replica sharing the
     * store, see SessionsEndedElsewhere): if this socket's is one, it closes now as for any ended
     * session (an error with each running ask's id, then 1008 SESSION_INVALID), and its asks' Gaia
     * calls are closed, rather than at the client's next message.
     */
    synchronized void sessionsEnded(SessionsEnded ended) {
        if (state == State.READY && ended.includes(sessionId, keyId)) {
            closeWith(null, ended.problem());
        }
    }

    private void refuse(String id, ApiException problem) {
        if (state == State.AWAITING_AUTH) {
            // Until the client has proven a session, it gets no second chance to send garbage.
            closeWith(id, problem);
        } else {
            sendRefusal(id, problem);
        }
    }

    /**
     * An error about a message that started nothing. It carries the message's id only if no running
     * ask has it: an error with a running ask's id would read as that ask's end, and the ask would
     * then end a second time.
     */
    private void sendRefusal(String id, ApiException problem) {
        send(ServerMessage.Error.of(asks.containsKey(id) ? null : id, problem));
    }

    /** Refuses a message over WS_MAX_MESSAGE_BYTES before parsing it. */
    private String requireSize(String text) {
        int limit = services.maxMessageBytes();
        // UTF-8 needs one to three bytes per char: count them only when the length alone cannot decide.
        boolean tooLarge = text.length() > limit
                || (text.length() * 3L > limit && text.getBytes(StandardCharsets.UTF_8).length > limit);
        if (tooLarge) {
            throw new RejectedMessage(null, new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The message is larger than the " + limit + " bytes this endpoint accepts"));
        }
        return text;
    }

    /** The socket closed, whoever closed it: nothing may keep running for it. */
    synchronized void closed() {
        state = State.CLOSED;
        stopAll();
        services.sockets().remove(this);
    }

    /**
     * The service is stopping: each running ask ends with SHUTTING_DOWN (whichever of this and
     * OpenStreams' hook comes first), then the socket closes with 1001 so the client reconnects
     * elsewhere instead of waiting on a socket that will never answer.
     */
    synchronized void goingAway() {
        if (state == State.CLOSED) {
            return;
        }
        new ArrayList<>(asks.values()).forEach(this::shutDown);
        close(CloseReasons.of(OpenStreams.shuttingDown()));
    }

    /** A callback failed unexpectedly; the client hears that much, the log hears the rest. */
    synchronized void failed(Throwable failure) {
        if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("max message size")) {
            // Vert.x's own ceiling (quarkus.websockets-next.server.max-message-size), met by a message sent
            // in fragments: it is dropped unread, which for the client is the same as WS_MAX_MESSAGE_BYTES.
            refuse(null, new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The message is too large"));
            return;
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected failure on WebSocket %s (reference %s)", socket.id(), reference);
        send(ServerMessage.Error.of(null, new ApiException(ErrorCode.INTERNAL_ERROR,
                "Unexpected error; it has been logged with reference " + reference)));
    }

    private void authenticate(String id) {
        services.sessions().require(id, SessionService.SentIn.SOCKET_AUTH)
                .subscribe().with(session -> authenticated(id, session), this::sessionEnded);
    }

    private synchronized void authenticated(String id, Session session) {
        if (state != State.AWAITING_AUTH) {
            return;
        }
        services.vertx().cancelTimer(authTimer);
        sessionId = id;
        keyId = session.keyId();
        state = State.READY;
        scheduleExpiryCheck(session);
        LOG.debugf("WebSocket %s authenticated for key %s", socket.id(), session.keyId());
        send(new ServerMessage.Ready(session.expiresAt().toString()));
    }

    private void authTimedOut(Duration limit) {
        synchronized (this) {
            if (state == State.AWAITING_AUTH) {
                closeWith(null, new ApiException(ErrorCode.SESSION_REQUIRED, "No auth message within "
                        + Seconds.describe(limit) + "; send {\"type\":\"auth\",\"sessionId\":\"...\"} first"));
            }
        }
    }

    /** Closes the socket when the session expires, even if the client sends nothing more. */
    private void scheduleExpiryCheck(Session session) {
        long millis = Duration.between(services.clock().now(), session.expiresAt()).toMillis();
        expiryTimer = services.vertx().setTimer(Math.max(1, Math.min(millis, MAX_TIMER_MILLIS)),
                timer -> expiryDue());
    }

    private void expiryDue() {
        synchronized (this) {
            if (state != State.READY) {
                return;
            }
        }
        // A look, not activity: the timer must not keep an idle session alive.
        services.sessions().peek(sessionId).subscribe().with(this::stillLive, this::sessionEnded);
    }

    private synchronized void stillLive(Session session) {
        if (state == State.READY) {
            // Not over yet (the timer fired early, or activity moved the idle end): check again later.
            scheduleExpiryCheck(session);
        }
    }

    /**
     * Refuses an ask whose id a running ask already uses. Checked before counting too, so that an
     * error with that id can only ever be about the running ask (a RATE_LIMITED for the duplicate
     * would read as the running ask's end).
     */
    private boolean refusedAsDuplicate(String id) {
        if (!asks.containsKey(id)) {
            return false;
        }
        sendRefusal(id, new ApiException(ErrorCode.VALIDATION_FAILED, 400,
                "Field 'id' (" + id + ") names an ask that is still running on this socket; use a new id", Map.of(),
                List.of(new Problem.FieldError("id", "is already used by a running ask"))));
        return true;
    }

    private void start(Session session, ClientMessage.Ask message) {
        String id = message.id();
        if (refusedAsDuplicate(id)) {
            return;
        }
        LiveAsk ask = new LiveAsk(id);
        try {
            ask.hold(services.streams().open(() -> shutDown(ask)));
        } catch (ApiException refused) {
            send(ServerMessage.Error.of(id, refused));
            return;
        }
        asks.put(id, ask);
        Cancellable subscription = services.gaia().askStream(session.apiKey(), message.request().toGaia())
                .subscribe().with(events -> subscribed(ask, events), item -> onItem(ask, item),
                        failure -> onFailure(ask, session, failure), () -> onComplete(ask));
        ask.attach(subscription);
    }

    private void cancel(String id) {
        LiveAsk ask = asks.get(id);
        if (ask == null) {
            // Without the id: the ask may have just ended, and its end was already sent.
            send(ServerMessage.Error.of(null, new ApiException(ErrorCode.VALIDATION_FAILED, 400,
                    "Field 'id' (" + id + ") names no running ask on this socket; it may have ended already", Map.of(),
                    List.of(new Problem.FieldError("id", "names no running ask")))));
            return;
        }
        send(new ServerMessage.Cancelled(id));
        end(ask);
    }

    private synchronized void subscribed(LiveAsk ask, Flow.Subscription events) {
        ask.subscribed(events);
        events.request(1);
    }

    private synchronized void onItem(LiveAsk ask, GaiaStreamItem item) {
        if (!isRunning(ask)) {
            return;
        }
        if (item instanceof GaiaStreamItem.Event event) {
            String text = ask.read(event.payload());
            if (text != null) {
                send(new ServerMessage.Delta(ask.id(), text));
            }
        }
        takeNextWhenRoom(ask);
    }

    private void takeNextWhenRoom(LiveAsk ask) {
        if (!isRunning(ask)) {
            return;
        }
        if (unsent <= MAX_UNSENT_CHARS) {
            ask.next();
        } else {
            waitingForRoom.add(ask);
        }
    }

    private synchronized void written(int chars) {
        unsent -= chars;
        if (unsent <= MAX_UNSENT_CHARS && !waitingForRoom.isEmpty()) {
            List<LiveAsk> ready = new ArrayList<>(waitingForRoom);
            waitingForRoom.clear();
            ready.forEach(this::takeNextWhenRoom);
        }
    }

    private synchronized void onComplete(LiveAsk ask) {
        if (!isRunning(ask)) {
            return;
        }
        send(ask.done());
        end(ask);
    }

    private synchronized void onFailure(LiveAsk ask, Session session, Throwable failure) {
        if (!isRunning(ask)) {
            return;
        }
        ApiException problem = Problems.asApiException(failure);
        if (problem.code() == ErrorCode.INTERNAL_ERROR) {
            LOG.error("Answer over WebSocket failed unexpectedly", failure);
        } else {
            LOG.logf(Problems.logLevel(problem), "Answer over WebSocket ended by a failure: %s (%s)", problem.code(),
                    problem.getMessage());
        }
        if (failure instanceof GaiaException gaia && gaia.kind() == GaiaException.Kind.STATUS && gaia.status() == 401) {
            // Gaia no longer accepts the session's key (revoked upstream): no later ask can succeed either.
            // Closed first, with Gaia's words: ending the session then announces it, and this socket is done.
            closeWith(ask.id(), problem);
            services.sessions().endRejectedKey(session).subscribe().with(ignored -> { }, ignored -> { });
            return;
        }
        send(ServerMessage.Error.of(ask.id(), problem));
        end(ask);
    }

    private synchronized void shutDown(LiveAsk ask) {
        if (isRunning(ask)) {
            send(ServerMessage.Error.of(ask.id(), OpenStreams.shuttingDown()));
            end(ask);
        }
    }

    private boolean isRunning(LiveAsk ask) {
        return state != State.CLOSED && asks.get(ask.id()) == ask;
    }

    private void end(LiveAsk ask) {
        asks.remove(ask.id());
        waitingForRoom.remove(ask);
        ask.release();
    }

    /**
     * Tells the client why (an error message, then the close frame's reason) and ends everything:
     * each running ask gets the error with its own id, so none is left without an end.
     */
    private void closeWith(String id, ApiException problem) {
        if (state == State.CLOSED) {
            return;
        }
        if (asks.isEmpty()) {
            send(ServerMessage.Error.of(id, problem));
        }
        asks.keySet().forEach(running -> send(ServerMessage.Error.of(running, problem)));
        close(CloseReasons.of(problem));
    }

    private void close(CloseReason reason) {
        LOG.debugf("Closing WebSocket %s: %d %s", socket.id(), reason.getCode(), reason.getMessage());
        state = State.CLOSED;
        stopAll();
        if (socket.isClosed()) {
            return; // the client closed it first; websockets-next would log a WARN for closing it again
        }
        socket.close(reason).subscribe().with(
                closed -> {
                },
                failure -> LOG.debugf("Closing WebSocket %s failed: %s", socket.id(), failure.getMessage()));
        // A client that stopped reading never gets the close frame: without this its connection, and
        // the frames it left unread, would stay until the HTTP idle timeout (30 minutes), and hold
        // every shutdown. One that is reading has closed by then (ClosingHandshakeLimit).
        services.vertx().setTimer(DROP_UNCLOSED_MILLIS, timer -> UpgradeRequests.drop(socket));
    }

    private void stopAll() {
        services.vertx().cancelTimer(authTimer);
        services.vertx().cancelTimer(expiryTimer);
        List<LiveAsk> running = new ArrayList<>(asks.values());
        asks.clear();
        waitingForRoom.clear();
        running.forEach(LiveAsk::release);
    }

    private void send(ServerMessage message) {
        if (state == State.CLOSED) {
            return;
        }
        String text;
        try {
            text = services.json().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A server message always serialises", e);
        }
        int chars = text.length();
        unsent += chars;
        socket.sendText(text).subscribe().with(
                sent -> written(chars),
                failure -> {
                    written(chars);
                    LOG.debugf("Sending on WebSocket %s failed: %s", socket.id(), failure.getMessage());
                });
    }
}
