package io.gaia.bff.live;

import java.lang.reflect.Method;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.gaia.bff.observability.RequestTracking;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * What a socket keeps of the HTTP request that opened it: that request's id, under which everything
 * the socket logs or asks Gaia is told; and its end, when the socket closes: for Quarkus's graceful
 * shutdown, and for the access log, whose line for the handshake is written then (RequestTracking).
 *
 * <p>With quarkus.shutdown.timeout set, Quarkus counts every request as in flight until its response
 * ends or its connection closes, and on SIGTERM waits for the count to reach zero. The request that
 * opens a WebSocket never gets there (Quarkus 3.31, Vert.x 4.5): the handshake writes the 101 without
 * ending the response, and from then on Vert.x no longer tells the request that its connection
 * closed. Every socket ever opened, even one closed hours ago, would hold each shutdown for the whole
 * SHUTDOWN_TIMEOUT_SECONDS and end it with "Timed out waiting for graceful shutdown".
 *
 * <p>Quarkus has no public way to end a request's count, so the wrapper's own {@code done()} is called
 * by reflection. If a later Quarkus renames it, this logs a warning once and shutdown falls back to
 * waiting out the timeout; ShutdownIT fails on exactly that.
 */
@Singleton
@RegisterForReflection(targets = QuarkusRequestWrapper.class, methods = true, fields = false)
class UpgradeRequests implements HttpUpgradeCheck {

    private static final UserData.TypedKey<Runnable> FINISH = new UserData.TypedKey<>("gaia-bff.upgrade-request");
    private static final UserData.TypedKey<Runnable> ACCESS_LINE = new UserData.TypedKey<>("gaia-bff.upgrade-access-line");
    private static final UserData.TypedKey<String> REQUEST_ID = new UserData.TypedKey<>("gaia-bff.upgrade-request-id");
    private static final Logger LOG = Logger.getLogger(UpgradeRequests.class);
    private static final Method DONE = doneMethod();

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        QuarkusRequestWrapper counted = countedRequest(context.httpRequest());
        if (counted != null && DONE != null) {
            context.userData().put(FINISH, () -> finish(counted));
        }
        Runnable accessLine = RequestTracking.onSocketClosed();
        if (accessLine != null) {
            context.userData().put(ACCESS_LINE, accessLine);
        }
        String requestId = RequestTracking.current();
        if (requestId != null) {
            context.userData().put(REQUEST_ID, requestId);
        }
        return CheckResult.permitUpgrade();
    }

    /** Call first in every socket callback: its lines, and its calls to Gaia, carry the handshake's request id. */
    static void resumeRequestId(WebSocketConnection socket) {
        RequestTracking.resume(socket.userData().get(REQUEST_ID));
    }

    /** Call once the socket has closed; harmless twice, and for a socket whose request was not counted. */
    static void finish(WebSocketConnection socket) {
        Runnable finish = socket.userData().get(FINISH);
        if (finish != null) {
            finish.run();
        }
        Runnable accessLine = socket.userData().get(ACCESS_LINE);
        if (accessLine != null) {
            accessLine.run(); // once: RequestTracking guards it
        }
    }

    /** The wrapper that carries the count; absent when no graceful shutdown (nor access log) is configured. */
    private static QuarkusRequestWrapper countedRequest(HttpServerRequest request) {
        Cookie marker = request.getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME);
        return marker instanceof QuarkusRequestWrapper.QuarkusCookie wrapped ? wrapped.getRequestWrapper() : null;
    }

    private static void finish(QuarkusRequestWrapper request) {
        try {
            DONE.invoke(request); // only the first call counts: done() guards itself
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("Could not end the upgrade request's count: %s", e.toString());
        }
    }

    private static Method doneMethod() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return done;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Open WebSockets will hold shutdown for the whole SHUTDOWN_TIMEOUT_SECONDS: %s", e.toString());
            return null;
        }
    }
}
