package io.gaia.bff.problem;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests the HTTP layer turns away before any resource runs (a body over the size limit, a path
 * no route matches) get a problem body like every other error, instead of the server's bare answer.
 */
@Singleton
public class HttpLayerProblems {

    /** Just before Quarkus's own size check (order -2), which answers with an empty body; after CORS (-300). */
    private static final int BEFORE_UPLOAD_LIMIT = -3;

    private final long maxBodyBytes;
    private final ObjectMapper json;
    private volatile Router router;

    public HttpLayerProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            ObjectMapper json) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        this.router = router;
        router.route().order(Integer.MIN_VALUE).failureHandler(this::refuseRequestWithoutHost);
        router.route().order(BEFORE_UPLOAD_LIMIT).handler(this::refuseOversizedBody);
        router.route().order(Integer.MAX_VALUE).handler(ctx -> send(ctx,
                new ApiException(ErrorCode.NOT_FOUND, "No such resource: " + ctx.normalizedPath())));
    }

    /**
     * A live reload in dev mode stops this application and starts a new one behind the same HTTP
     * server, and Quarkus goes on routing the requests that arrive meanwhile into the stopped one
     * (quarkusio/quarkus#51451). They failed with a 500 and a stack trace ("ArC container not
     * initialized"), and one that reached a bean while the new application was starting could make
     * that start fail. From the moment this application stops, they get a 503 instead and touch
     * nothing else; the next request reaches the new application.
     */
    void onStop(@Observes ShutdownEvent event) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            refuseRequestsFromNowOn();
        }
    }

    void refuseRequestsFromNowOn() {
        Router routes = router;
        if (routes != null) {
            // After CORS (a page on another port must be able to read the 503, and its preflight is
            // answered by CORS alone), before anything that needs the stopped application.
            routes.route().order(BEFORE_UPLOAD_LIMIT).handler(ctx -> send(ctx, restarting()));
        }
    }

    private static ApiException restarting() {
        return new ApiException(ErrorCode.SHUTTING_DOWN, 503,
                "The service is restarting (a live reload after a change to its code or settings); try again in a moment",
                Map.of("Retry-After", "1"), null);
    }

    /**
     * Vert.x Web fails an HTTP/1.1 request without a Host header before any route runs, and Quarkus
     * answered it with its own error body and an ERROR line: a scanner's or a hand-typed request
     * would page whoever watches ERRORs. It is the client's mistake: a 400 problem, no log line.
     */
    private void refuseRequestWithoutHost(RoutingContext ctx) {
        if (ctx.statusCode() == 400 && ctx.failure() instanceof VertxException && !ctx.response().headWritten()
                && ctx.request().version() != HttpVersion.HTTP_1_0 && ctx.request().authority() == null) {
            send(ctx, new ApiException(ErrorCode.VALIDATION_FAILED, "HTTP/1.1 requests need a Host header"));
            return;
        }
        ctx.next();
    }

    private void refuseOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.length() < 20 && length.chars().allMatch(Character::isDigit)
                && isTooLarge(Long.parseLong(length))) {
            dropThenClose(ctx, 0, Long.parseLong(length));
            send(ctx, bodyTooLarge());
            return;
        }
        ctx.next();
    }

    boolean isTooLarge(long bodyBytes) {
        return bodyBytes > maxBodyBytes;
    }

    /** See RefusedBody: call before the refusal is answered. */
    void dropThenClose(RoutingContext ctx, long bytesRead, long announcedBytes) {
        RefusedBody.dropThenClose(ctx, bytesRead, announcedBytes, maxBodyBytes);
    }

    /**
     * The answer to a body over the limit, whether its length was announced (above) or it came in
     * chunks (ChunkedBodyLimit), so both say the same.
     */
    ApiException bodyTooLarge() {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than the " + maxBodyBytes / 1024 + " KiB this service accepts");
    }

    private void send(RoutingContext ctx, ApiException problem) {
        String body;
        try {
            body = json.writeValueAsString(Problems.of(problem, ctx.normalizedPath()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serialises", e);
        }
        problem.headers().forEach(ctx.response()::putHeader);
        ctx.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
