package io.gaia.bff.observability;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Says in the log, once per origin, that the CORS check refused a page and how to allow it. The
 * page's developer sees only the browser's "blocked by CORS policy", and the 403 behind it has no
 * body (Quarkus's CORS filter answers it): without this line, nothing names ALLOW_CORS_ORIGIN.
 * <p>
 * Likewise, once per header, a header an allowed page asks to send that CORS does not allow (an
 * Authorization header, a tracing library's own): Quarkus answers that preflight 200 with the headers
 * it does allow, and the browser blocks the request with nothing in the service's log.
 * <p>
 * The Origin header is the client's to write, so only a well-formed origin is named, and only the
 * first {@value #MAX_ORIGINS_NAMED}: a client inventing origins cannot fill the log. The same holds
 * for header names ({@value #MAX_HEADERS_NAMED}).
 */
@Singleton
public class CorsRefusals {

    /** The status line by which Quarkus's CORS filter refuses an origin (it has nothing else to tell it by). */
    private static final String REFUSED_ORIGIN = "CORS Rejected - Invalid origin";
    static final int MAX_ORIGINS_NAMED = 100;
    static final int MAX_HEADERS_NAMED = 100;
    private static final Pattern PLAIN_ORIGIN = Pattern.compile(
            "https?://(\\[[0-9A-Fa-f:.]{2,45}\\]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
    private static final Logger LOG = Logger.getLogger(CorsRefusals.class);

    private final String allowed;
    private final Set<String> named = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean namedEnough = new AtomicBoolean();
    private final Set<String> headersNamed = ConcurrentHashMap.newKeySet();

    public CorsRefusals(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> allowed) {
        this.allowed = allowed.map(origins -> String.join(",", origins)).orElse("");
    }

    void install(@Observes Router router) {
        // Before the CORS filter, so its refusal is seen as it is written.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::watch);
    }

    private void watch(RoutingContext rc) {
        String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            HttpServerResponse response = rc.response();
            String requestedHeaders = rc.request().method() == HttpMethod.OPTIONS
                    ? rc.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS)
                    : null;
            rc.addHeadersEndHandler(ignored -> {
                if (response.getStatusCode() == 403 && REFUSED_ORIGIN.equals(response.getStatusMessage())) {
                    refused(origin);
                } else if (requestedHeaders != null && response.headers().contains(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)) {
                    notAllowed(origin, requestedHeaders, response.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS));
                }
            });
        }
        rc.next();
    }

    /** The headers a preflight asked for that its answer leaves out, each named once. */
    private void notAllowed(String origin, String requested, String allowedHeaders) {
        Set<String> allowedNames = new HashSet<>();
        for (String name : (allowedHeaders == null ? "" : allowedHeaders).split(",")) {
            allowedNames.add(name.strip().toLowerCase(Locale.ROOT));
        }
        for (String asked : requested.split(",")) {
            String name = asked.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || allowedNames.contains(name) || !HEADER_NAME.matcher(name).matches()
                    || headersNamed.size() >= MAX_HEADERS_NAMED || !headersNamed.add(name)) {
                continue;
            }
            String page = PLAIN_ORIGIN.matcher(origin).matches() ? "a page at " + origin : "a page";
            LOG.warnf("CORS does not allow the header %s, which %s asks to send, so its browser blocks those requests "
                    + "(allowed: %s). Stop the page sending it, or add it to QUARKUS_HTTP_CORS_HEADERS if the service "
                    + "should take it. Logged once per header.", name, page, allowedHeaders);
        }
    }

    private void refused(String origin) {
        String key = origin.equals("null") || PLAIN_ORIGIN.matcher(origin).matches() ? origin : "malformed";
        if (named.contains(key)) {
            return;
        }
        if (named.size() >= MAX_ORIGINS_NAMED) {
            if (namedEnough.compareAndSet(false, true)) {
                LOG.warnf("CORS refused more than %d different origins; further ones are not logged", MAX_ORIGINS_NAMED);
            }
            return;
        }
        if (!named.add(key)) {
            return;
        }
        switch (key) {
            case "null" -> LOG.warnf("CORS refused a request from origin null: a page opened from a file, or in a "
                    + "sandboxed frame. Serve the page over http(s) (its dev server) and have that origin in "
                    + "ALLOW_CORS_ORIGIN (%s). Logged once.", allowed);
            case "malformed" -> LOG.warn("CORS refused a request whose Origin header is not an origin (not shown). "
                    + "Logged once.");
            default -> LOG.warnf("CORS refused a request from origin %s: it is not in ALLOW_CORS_ORIGIN (%s), so a "
                    + "page there cannot call this API. Add the page's origin (scheme, host and port) to "
                    + "ALLOW_CORS_ORIGIN if it should. Logged once per origin.", key, allowed);
        }
    }
}
