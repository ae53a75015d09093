package io.gaia.bff.live;

import jakarta.inject.Singleton;

import io.gaia.bff.observability.RequestTracking;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * What a socket keeps of the HTTP request that opened it: that request's id, under which everything
 * the socket logs or asks Gaia is told; and its end, when the socket closes. The handshake writes the
 * 101 without ending its response, and from then on Vert.x no longer tells the request that its
 * connection closed (Quarkus 3.31, Vert.x 4.5), so the request's access line and its leaving
 * Quarkus's count of requests in flight (which every shutdown waits on) come from here
 * (RequestTracking.onSocketClosed).
 */
@Singleton
class UpgradeRequests implements HttpUpgradeCheck {

    private static final UserData.TypedKey<Runnable> FINISH = new UserData.TypedKey<>("gaia-bff.upgrade-request");
    private static final UserData.TypedKey<String> REQUEST_ID = new UserData.TypedKey<>("gaia-bff.upgrade-request-id");
    private static final UserData.TypedKey<HttpConnection> CONNECTION = new UserData.TypedKey<>("gaia-bff.upgrade-connection");

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        context.userData().put(FINISH, RequestTracking.onSocketClosed());
        context.userData().put(CONNECTION, context.httpRequest().connection());
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

    /**
     * Drops the socket's connection at once, whatever is still unsent: for a client that stopped
     * reading, which would never take a close frame queued behind the frames it left unread (Vert.x's
     * closing timeout, ClosingHandshakeLimit, starts only once the close frame is written). Harmless
     * once the socket has closed. websockets-next has no way to abort a socket, nor Vert.x's public API
     * to close an upgraded connection without another close frame, hence its channel.
     */
    static void drop(WebSocketConnection socket) {
        if (socket.userData().get(CONNECTION) instanceof ConnectionBase connection) {
            connection.channel().close();
        }
    }

    /** Call once the socket has closed; harmless twice. */
    static void finish(WebSocketConnection socket) {
        Runnable finish = socket.userData().get(FINISH);
        if (finish != null) {
            finish.run();
        }
    }
}
