package io.gaia.bff.problem;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests the HTTP layer turns away before any resource runs (a body over the size limit, a path
 * no route matches) get a problem body like every other error, instead of the server's bare answer.
 */
@Singleton
public class HttpLayerProblems {

    /** Just before Quarkus's own size check (order -2), which answers with an empty body. */
    private static final int BEFORE_UPLOAD_LIMIT = -3;

    private final long maxBodyBytes;
    private final ObjectMapper json;

    public HttpLayerProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            ObjectMapper json) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_UPLOAD_LIMIT).handler(this::refuseOversizedBody);
        router.route().order(Integer.MAX_VALUE).handler(ctx -> send(ctx,
                new ApiException(ErrorCode.NOT_FOUND, "No such resource: " + ctx.normalizedPath())));
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
        ctx.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
