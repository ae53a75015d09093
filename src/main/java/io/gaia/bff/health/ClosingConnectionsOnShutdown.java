package io.gaia.bff.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * During the shutdown delay (SHUTDOWN_DELAY_SECONDS) every HTTP/1.1 answer carries
 * {@code Connection: close} and its connection closes once it is sent; an HTTP/2 connection gets a
 * GOAWAY. Taking the pod out of the Service stops only new connections from reaching it: a browser
 * or load balancer holding a keep-alive connection would go on sending requests here until the delay
 * ends, and then get the HTTP server's bare 503. Told now, its next request opens a connection to a
 * pod that stays.
 */
@ApplicationScoped
public class ClosingConnectionsOnShutdown {

    private volatile Router router;

    void keep(@Observes Router router) {
        this.router = router;
    }

    /** The route is added only now: until the shutdown, requests pay nothing for it. */
    void onShutdownStarting(@Observes ShutdownDelayInitiatedEvent event) {
        Router routes = router;
        if (routes != null) {
            // Right after RequestTracking's handler, so an answer refused early (CORS, body limit) closes too.
            routes.route().order(Integer.MIN_VALUE + 1).handler(ClosingConnectionsOnShutdown::closeAfterAnswer);
        }
    }

    private static void closeAfterAnswer(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.version() == HttpVersion.HTTP_2) {
            // GOAWAY: the streams already open (this one among them) finish, the client opens no more
            // here. Repeated for each stream still arriving, which HTTP/2 allows.
            request.connection().goAway(0);
        } else if (!request.headers().contains(HttpHeaders.UPGRADE)) {
            // A WebSocket handshake keeps its connection: OpenSockets closes the sockets themselves.
            rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            // Vert.x does not act on the header by itself; the answer is written before the close.
            rc.addEndHandler(ignored -> request.connection().close());
        }
        rc.next();
    }
}
