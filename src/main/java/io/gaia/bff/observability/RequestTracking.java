package io.gaia.bff.observability;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.gaia.bff.session.SessionEvents;
import io.gaia.bff.session.SessionIds;
import io.gaia.bff.session.SessionService;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id and one access log line. The id is the client's X-Request-ID when it is
 * a plain token ({@value #VALID_ID}) not shaped like a session id, else a new UUID; it is echoed in
 * the response, set in the logging MDC as {@value #MDC_KEY} (Quarkus keeps the MDC per request on
 * its Vert.x context, so every line logged for the request carries it) and sent on to Gaia. The
 * access line names the route as the metrics do (RouteLabels), never the raw path, and the session
 * only as its salted hash.
 * <p>
 * A connection that closed before the response was complete (a client that left, the service
 * stopping, a stream cut short) is marked complete=false, and its status is "-" when no status line
 * went out at all: the status a response would have had is not the one a client got.
 */
@ApplicationScoped
public class RequestTracking {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "requestId";
    static final String VALID_ID = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern VALID = Pattern.compile(VALID_ID);
    private static final Logger ACCESS = Logger.getLogger("io.gaia.bff.access");
    private static final String ACCESS_LINE = "gaia-bff.access-line";
    private static final int SWITCHING_PROTOCOLS = 101;

    private final SessionEvents sessionEvents;

    public RequestTracking(SessionEvents sessionEvents) {
        this.sessionEvents = sessionEvents;
    }

    /** The current request's id, or null outside a request (the reachability probe). */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id instanceof String s ? s : null;
    }

    /**
     * Makes {@code id} the current request id (none when null), for work that belongs to a request but
     * runs outside it: a WebSocket's messages and timers run on contexts of their own, where the MDC
     * would otherwise hold no id, or whatever id an earlier callback left there.
     */
    public static void resume(String id) {
        if (id == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, id);
        }
    }

    void install(@Observes Router router) {
        // First of all routes, so even a request refused by the body limit or CORS has an id.
        router.route().order(Integer.MIN_VALUE).handler(this::begin);
    }

    private void begin(RoutingContext rc) {
        String incoming = rc.request().getHeader(HEADER);
        // A value shaped like a session id is not taken: it would be written on every log line of the request.
        String id = incoming != null && VALID.matcher(incoming).matches() && !SessionIds.isWellFormed(incoming)
                ? incoming : UUID.randomUUID().toString();
        long started = System.nanoTime();
        MDC.put(MDC_KEY, id);
        rc.response().putHeader(HEADER, id);
        // Before the response ends, when the HTTP metrics read the route too (RouteLabels).
        rc.addHeadersEndHandler(ignored -> RouteLabels.resolveTemplate(rc));
        AccessLine line = new AccessLine(rc, id, started);
        rc.addEndHandler(line);
        ContextLocals.put(ACCESS_LINE, line);
        rc.next();
    }

    /**
     * What to run when the WebSocket this request opened closes: a handshake's response never ends, so
     * its line is written then, as 101 with the socket's lifetime (a refused handshake ends as usual),
     * and the request leaves Quarkus's count of requests in flight. Call while the handshake is
     * handled, on its request's context; harmless twice.
     */
    public static Runnable onSocketClosed() {
        AccessLine line = currentLine();
        return line == null ? () -> { } : () -> line.endUnreported(true);
    }

    /**
     * What to run when the client leaves a streamed response (its subscription is cancelled): a frame
     * that could not be written makes RESTEasy reset the response, and Vert.x then closes it without
     * running its end or close handlers, so the request would get no access line and stay counted in
     * flight, holding every later shutdown for SHUTDOWN_TIMEOUT_SECONDS. Call on the request's
     * context; harmless where Vert.x did report the end.
     */
    public static Runnable onAbandoned() {
        AccessLine line = currentLine();
        return line == null ? () -> { } : () -> line.endUnreported(false);
    }

    private static AccessLine currentLine() {
        return ContextLocals.<AccessLine> get(ACCESS_LINE).orElse(null);
    }

    /** A request's one access line: written when its response ends or, where Vert.x reports no end, when its route says so. */
    private final class AccessLine implements Handler<AsyncResult<Void>> {

        private static final AtomicIntegerFieldUpdater<AccessLine> WRITTEN = AtomicIntegerFieldUpdater.newUpdater(AccessLine.class, "written");

        private final RoutingContext rc;
        private final String id;
        private final long started;
        private volatile int written;

        AccessLine(RoutingContext rc, String id, long started) {
            this.rc = rc;
            this.id = id;
            this.started = started;
        }

        @Override
        public void handle(AsyncResult<Void> ended) {
            write(false);
        }

        void endUnreported(boolean socket) {
            write(socket);
            InFlightCount.end(rc.request());
        }

        private void write(boolean socket) {
            if (WRITTEN.compareAndSet(this, 0, 1)) {
                writeAccessLine(rc, id, started, socket);
            }
        }
    }

    private void writeAccessLine(RoutingContext rc, String id, long started, boolean socket) {
        MDC.put(MDC_KEY, id);
        if (ACCESS.isInfoEnabled()) {
            HttpServerResponse response = rc.response();
            int status = socket ? SWITCHING_PROTOCOLS : response.headWritten() ? response.getStatusCode() : 0;
            // Concatenated, not infof: java.util.Formatter was a sixth of the line's cost, on every request.
            ACCESS.info("access method=" + rc.request().method().name() + " route=" + RouteLabels.of(rc, status)
                    + " status=" + (status == 0 ? "-" : String.valueOf(status))
                    + " duration_ms=" + (System.nanoTime() - started) / 1_000_000
                    + " session=" + session(rc.request().getHeader(SessionService.HEADER))
                    + (socket || response.ended() ? "" : " complete=false"));
        }
    }

    private String session(String sessionId) {
        if (sessionId == null || !SessionIds.isWellFormed(sessionId)) {
            // Anything else in the header is not hashed or printed: it may be a key pasted by mistake.
            return sessionId == null ? "-" : "malformed";
        }
        return sessionEvents.hash(sessionId);
    }
}
