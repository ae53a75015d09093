package io.gaia.bff.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends a request whose body was refused as too large, so that its sender gets the answer.
 * <p>
 * Most HTTP clients write their whole body before they read the answer. Closing the connection
 * with part of the body unread makes the server's TCP stack reset it, and the reset throws the
 * answer away before the client reads it: the user sees "broken pipe" or "connection reset"
 * instead of the 413. So the rest of the body is read and dropped, up to four times the limit and
 * for two seconds at most, and the connection is closed once the answer is out and the body is
 * over. A bigger or slower body is cut off there, and one announced bigger is not read at all: its
 * sender may lose the answer, but the service never swallows an upload of any size.
 * <p>
 * Over HTTP/2 the connection carries other requests, so it stays open: a body still coming at the
 * cut-off ends with RST_STREAM NO_ERROR, which asks the client to stop sending (RFC 9113, section
 * 8.1). Not at once: a reset discards the answer's frames that flow control still holds.
 */
final class RefusedBody {

    private static final int DROPPED_BODIES_OF_THE_LIMIT = 4;
    private static final long MAX_DROP_MILLIS = 2000;

    private final RoutingContext ctx;
    private final long maxDroppedBytes;
    private long droppedBytes;
    private boolean answered;
    private boolean bodyOver;
    private boolean ended;
    private long timer = -1;

    private RefusedBody(RoutingContext ctx, long maxDroppedBytes) {
        this.ctx = ctx;
        this.maxDroppedBytes = maxDroppedBytes;
    }

    /**
     * Call before the answer is written: it must see the answer end, and over HTTP/1 it adds the
     * Connection: close that tells the client what happens next.
     *
     * @param bytesRead how much of the body was read before it was refused
     * @param announcedBytes the body's Content-Length, or -1 when it came in chunks
     */
    static void dropThenClose(RoutingContext ctx, long bytesRead, long announcedBytes, long maxBodyBytes) {
        long maxDroppedBytes = DROPPED_BODIES_OF_THE_LIMIT * maxBodyBytes - bytesRead;
        boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
        if (http1) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        // Over HTTP/2 flow control holds the client back until the body is read, and a reset right
        // after the answer would lose it, so even an announced giant is read up to the bound.
        boolean tooLargeToDrop = http1 && announcedBytes > DROPPED_BODIES_OF_THE_LIMIT * maxBodyBytes;
        new RefusedBody(ctx, maxDroppedBytes).start(tooLargeToDrop);
    }

    /** Synchronized like the rest: the answer may end on a worker thread while this runs on the event loop. */
    private synchronized void start(boolean tooLargeToDrop) {
        ctx.addEndHandler(ignored -> answered());
        HttpServerRequest request = ctx.request();
        if (request.isEnded() || tooLargeToDrop) {
            bodyOver = true;
            return;
        }
        timer = ctx.vertx().setTimer(MAX_DROP_MILLIS, ignored -> end());
        request.handler(this::drop).endHandler(ignored -> bodyOver()).exceptionHandler(ignored -> end());
        request.resume();
    }

    private synchronized void drop(Buffer chunk) {
        droppedBytes += chunk.length();
        if (droppedBytes > maxDroppedBytes) {
            ctx.request().pause();
            bodyOver();
        }
    }

    private synchronized void bodyOver() {
        bodyOver = true;
        if (answered) {
            end();
        }
    }

    private synchronized void answered() {
        answered = true;
        if (bodyOver) {
            end();
        }
    }

    private synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (timer != -1) {
            ctx.vertx().cancelTimer(timer);
        }
        HttpServerRequest request = ctx.request();
        if (request.version() != HttpVersion.HTTP_2) {
            request.connection().close();
        } else if (!request.isEnded()) {
            ctx.response().reset(0);
        }
    }
}
