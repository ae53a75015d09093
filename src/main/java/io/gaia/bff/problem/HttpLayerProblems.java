package io.gaia.bff.problem;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
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

    public HttpLayerProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_UPLOAD_LIMIT).handler(this::refuseOversizedBody);
        router.route().order(Integer.MAX_VALUE).handler(ctx -> send(ctx, 404, "Not Found", ErrorCode.NOT_FOUND,
                "No such resource: " + ctx.normalizedPath()));
    }

    private void refuseOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.length() < 20 && length.chars().allMatch(Character::isDigit)
                && Long.parseLong(length) > maxBodyBytes) {
            // The body is not read; closing the connection stops the client from sending it.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.response().endHandler(ignored -> ctx.request().connection().close());
            send(ctx, 413, "Content Too Large", ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the " + maxBodyBytes / 1024 + " KiB this service accepts");
            return;
        }
        ctx.next();
    }

    private static void send(RoutingContext ctx, int status, String title, ErrorCode code, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("code", code.name())
                .put("instance", ctx.normalizedPath());
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem.encode());
    }
}
