package io.gaia.bff.problem;

import java.io.ByteArrayInputStream;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds a body sent in chunks (no Content-Length: a browser's streamed fetch, a proxy that does not
 * buffer; over HTTP/2, any body without one) to the size limit that HttpLayerProblems enforces on
 * announced lengths, with the same answer. Left to Quarkus REST, such a body outgrowing its
 * in-memory buffer is read on a worker thread whose stream, at the limit, writes a bare 413 itself
 * and then fails the request, which logs two errors and no access line. Read here, on the event
 * loop, it reaches the resource from memory, as a body with a Content-Length does.
 */
public class ChunkedBodyLimit {

    /** After the pre-routing refusals that need no body (AdminFilter, JsonOnlyPosts): those bodies are never read. */
    private static final int AFTER_HEADER_CHECKS = Priorities.USER + 100;

    private final HttpLayerProblems problems;

    public ChunkedBodyLimit(HttpLayerProblems problems) {
        this.problems = problems;
    }

    @ServerRequestFilter(preMatching = true, priority = AFTER_HEADER_CHECKS)
    public Uni<Void> readChunkedBody(ContainerRequestContext context, RoutingContext http) {
        HttpServerRequest request = http.request();
        if (request.headers().contains(HttpHeaders.CONTENT_LENGTH) || request.isEnded() || !mayHaveBody(request)) {
            // No Uni at all: every other request pays these header lookups and nothing more.
            return null;
        }
        return Uni.createFrom().emitter(done -> new Reading(context, http, done).start());
    }

    /** Without a Content-Length, HTTP/1.1 has a body only in chunks; HTTP/2 frames any body it has. */
    private static boolean mayHaveBody(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_2 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** One chunked body being read. It ends once: read whole, refused as too large, or cut off. */
    private final class Reading {

        private final ContainerRequestContext context;
        private final RoutingContext http;
        private final UniEmitter<? super Void> done;
        /** Null once the body has ended one way or another. */
        private Buffer body = Buffer.buffer();

        Reading(ContainerRequestContext context, RoutingContext http, UniEmitter<? super Void> done) {
            this.context = context;
            this.http = http;
            this.done = done;
        }

        void start() {
            HttpServerRequest request = http.request();
            request.handler(this::chunk).endHandler(ignored -> end()).exceptionHandler(this::cutOff);
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                // Quarkus REST sends this when it starts reading a body; this filter reads it instead.
                request.response().writeContinue();
            }
            request.resume();
        }

        private void chunk(Buffer chunk) {
            if (body == null) {
                return;
            }
            long read = (long) body.length() + chunk.length();
            if (problems.isTooLarge(read)) {
                body = null;
                // Takes over the request's handlers: the rest of the body is dropped there.
                problems.dropThenClose(http, read, -1);
                done.fail(problems.bodyTooLarge());
                return;
            }
            body.appendBuffer(chunk);
        }

        private void end() {
            if (body == null) {
                return;
            }
            context.setEntityStream(new ByteArrayInputStream(body.getBytes()));
            body = null;
            done.complete(null);
        }

        private void cutOff(Throwable failure) {
            if (body == null) {
                return;
            }
            body = null;
            // Mostly a client gone mid-body, who hears nothing; the request must still end so that
            // Quarkus REST finishes it (its own reader would wait for the connection to go).
            done.fail(new ApiException(ErrorCode.MALFORMED_JSON, "The request body could not be read to its end"));
        }
    }
}
