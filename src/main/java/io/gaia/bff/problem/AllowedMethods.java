package io.gaia.bff.problem;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.HttpMethod;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler.InitialMatch;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * The methods a request path takes, for the Allow header of a 405. Quarkus REST refuses a method
 * without saying which ones it would take, and its OPTIONS answer lists every method of the resource
 * class, not of the path (/api/v1/login would claim GET because /api/v1/session shares its class). So
 * the path is matched again here against the routing tables Quarkus REST itself routes with: what it
 * lists cannot drift from the resource methods, and nothing is looked up by reflection (works native).
 * Only the 405 path pays for it.
 */
final class AllowedMethods {

    /** The order the Allow header lists methods in; any other method follows alphabetically. */
    private static final List<String> ORDER = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private AllowedMethods() {
    }

    /** "GET, HEAD, OPTIONS": the methods the current request's path takes, or null outside a REST request. */
    static String of(ResteasyReactiveRequestContext request) {
        if (request == null) {
            return null;
        }
        Set<String> methods = new TreeSet<>(AllowedMethods::compare);
        boolean answersOptions = false;
        String path = request.getPathWithoutPrefix();
        // The same walk as the router: the best matching resource class, then any other class whose
        // template matches the same path, each asked for the methods that map the rest of the path.
        var templates = request.getDeployment().getClassMappers();
        RequestMapper<InitialMatch> classes = new RequestMapper<>(templates);
        var match = classes.map(path);
        // Bounded by the number of classes, in case a framework change ever made the walk circular.
        for (int i = 0; match != null && i < templates.size(); i++, match = classes.continueMatching(path, match)) {
            String remaining = match.remaining.isEmpty() ? "/" : match.remaining;
            for (ServerRestHandler handler : match.value.handlers) {
                if (handler instanceof ClassRoutingHandler routing) {
                    routing.getMappers().forEach((method, mapper) -> {
                        // A null method is a sub-resource locator: only its sub-resource knows its methods.
                        if (method != null && mapper.map(remaining) != null) {
                            methods.add(method);
                        }
                    });
                    // ClassRoutingHandler answers OPTIONS itself for a class that declares no @OPTIONS.
                    answersOptions |= !routing.getMappers().containsKey(HttpMethod.OPTIONS);
                }
            }
        }
        if (methods.isEmpty()) {
            return null;
        }
        // ClassRoutingHandler answers HEAD with the GET method when no @HEAD method takes the path.
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        if (answersOptions) {
            methods.add(HttpMethod.OPTIONS);
        }
        return String.join(", ", methods);
    }

    private static int compare(String a, String b) {
        int rankA = ORDER.indexOf(a);
        int rankB = ORDER.indexOf(b);
        if (rankA < 0 && rankB < 0) {
            return a.compareTo(b);
        }
        return Integer.compare(rankA < 0 ? ORDER.size() : rankA, rankB < 0 ? ORDER.size() : rankB);
    }
}
