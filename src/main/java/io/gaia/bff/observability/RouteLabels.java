package io.gaia.bff.observability;

import java.util.function.Function;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import io.quarkus.resteasy.reactive.server.runtime.observability.ObservabilityIntegrationRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/**
 * The one name a request is known by in the access line (route=) and the HTTP server metrics (uri=):
 * the template of the route it took, or a fixed word when it took none. Never the path the client
 * sent: a path no route matched is whatever the client typed (a session id as a matrix parameter,
 * /%61dmin, dot segments), and Micrometer labels such a request with that raw path whenever the
 * answer is not a 404 (a wrong method's 405, a refusal before routing: CORS, body limits, the
 * operator guard), as the access line did.
 * <ul>
 * <li>the Quarkus REST template (/api/v1/datasets/{name}/details), also for a request refused before
 * Quarkus REST routed it, when its path and method match a route (a 413 on /api/v1/ask);</li>
 * <li>the Vert.x route that served a request outside Quarkus REST (/q/health/live, /docs, /api/v1/ws),
 * as declared, so /q/metrics/anything is /q/metrics/;</li>
 * <li>{@value #CORS_PREFLIGHT} (Micrometer's name) for a CORS preflight no route answered,
 * {@value #NOT_FOUND} for a 404 to a path no route matches, {@value #UNKNOWN} for any other answer to
 * one.</li>
 * </ul>
 * Every label comes from the application's own route tables or is one of these words, so the set is fixed.
 */
@Singleton
public class RouteLabels implements HttpServerMetricsTagsContributor {

    static final String NOT_FOUND = "NOT_FOUND";
    static final String UNKNOWN = "UNKNOWN";
    /** Micrometer's own name for a CORS preflight, which the CORS filter answers before any route. */
    static final String CORS_PREFLIGHT = "/cors-preflight";
    /** Where Quarkus REST puts the matched route's template (for its metrics and traces). */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    /** Where Quarkus's HTTP metrics note the name (path) of the last Vert.x route that took the request. */
    private static final String VERTX_ROUTE = "VertxRoute";
    /** Quarkus REST's own Vert.x route, which takes every path: its name says nothing about the request. */
    private static final String REST_CATCH_ALL = "/";

    /**
     * Called as the response's headers go out, before the metrics read the label: a request refused
     * before Quarkus REST matched it (a pre-matching filter, the body limit) is given the template its
     * path and method would have matched, by Quarkus's own matcher (the one it uses for requests
     * refused by authentication), so it is counted under its route rather than as UNKNOWN.
     */
    static void resolveTemplate(RoutingContext rc) {
        io.vertx.core.Context context = contextOf(rc);
        if (context == null || context.getLocal(URL_PATH_TEMPLATE) != null || outsideRest(context.getLocal(VERTX_ROUTE))) {
            return;
        }
        var deployment = ResteasyReactiveRecorder.getCurrentDeployment();
        if (deployment != null) {
            ObservabilityIntegrationRecorder.setTemplatePath(rc, deployment);
        }
    }

    /** The label of the request; {@code status} 0 when no status line went out. */
    static String of(RoutingContext rc, int status) {
        io.vertx.core.Context context = contextOf(rc);
        return of(context == null ? key -> null : context::getLocal, rc.request(), status);
    }

    /** The metrics' uri tag, replacing Micrometer's, which is the raw path for a request no route matched. */
    @Override
    public Tags contribute(Context context) {
        return Tags.of("uri", of(context::requestContextLocalData, context.request(), context.response().statusCode()));
    }

    private static String of(Function<Object, Object> locals, HttpServerRequest request, int status) {
        if (locals.apply(URL_PATH_TEMPLATE) instanceof String template && !template.isEmpty()) {
            return template;
        }
        Object route = locals.apply(VERTX_ROUTE);
        if (outsideRest(route)) {
            return (String) route;
        }
        if (request.method() == HttpMethod.OPTIONS && request.getHeader(HttpHeaders.ORIGIN) != null
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            return CORS_PREFLIGHT;
        }
        return status == 404 ? NOT_FOUND : UNKNOWN;
    }

    private static boolean outsideRest(Object route) {
        return route instanceof String name && !name.isEmpty() && !name.equals(REST_CATCH_ALL);
    }

    // Fully named: the metrics contributor interface this class implements has a Context of its own.
    private static io.vertx.core.Context contextOf(RoutingContext rc) {
        return rc.request() instanceof HttpServerRequestInternal internal ? internal.context() : null;
    }
}
