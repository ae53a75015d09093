package io.gaia.bff.problem;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler.InitialMatch;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * What the routes matching a request's path take and answer, for the errors that should say so:
 * the methods for a 405's Allow header, the media types for a 406. Quarkus REST refuses a method
 * without saying which ones it would take, and its OPTIONS answer lists every method of the resource
 * class, not of the path (/api/v1/login would claim GET because /api/v1/session shares its class); its
 * 406 names nothing. So the path is matched again here against the routing tables Quarkus REST itself
 * routes with: what this reports cannot drift from the resource methods, and nothing is looked up by
 * reflection (works native). Only those refusals pay for it.
 */
final class MatchingRoutes {

    /** The order the Allow header lists methods in; any other method follows alphabetically. */
    private static final List<String> ORDER = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private MatchingRoutes() {
    }

    /** "GET, HEAD, OPTIONS": the methods the current request's path takes, or null outside a REST request. */
    static String allowedMethods(ResteasyReactiveRequestContext request) {
        Set<String> methods = new TreeSet<>(MatchingRoutes::compare);
        boolean[] answersOptions = { false };
        forEachClass(request, (routing, remaining) -> {
            routing.getMappers().forEach((method, mapper) -> {
                // A null method is a sub-resource locator: only its sub-resource knows its methods.
                if (method != null && mapper.map(remaining) != null) {
                    methods.add(method);
                }
            });
            // ClassRoutingHandler answers OPTIONS itself for a class that declares no @OPTIONS.
            answersOptions[0] |= !routing.getMappers().containsKey(HttpMethod.OPTIONS);
        });
        if (methods.isEmpty()) {
            return null;
        }
        // ClassRoutingHandler answers HEAD with the GET method when no @HEAD method takes the path.
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        if (answersOptions[0]) {
            methods.add(HttpMethod.OPTIONS);
        }
        return String.join(", ", methods);
    }

    /**
     * "application/json": the media types the resource methods for the current request's path and
     * method declare they produce, in their order, or none when they declare none.
     */
    static Set<String> producedTypes(ResteasyReactiveRequestContext request) {
        Set<String> types = new LinkedHashSet<>();
        forEachClass(request, (routing, remaining) -> {
            String method = request.getMethod();
            RequestMapper<RuntimeResource> mapper = routing.getMappers().get(method);
            if (mapper == null && HttpMethod.HEAD.equals(method)) {
                mapper = routing.getMappers().get(HttpMethod.GET);
            }
            RequestMapper.RequestMatch<RuntimeResource> match = mapper == null ? null : mapper.map(remaining);
            if (match != null && match.value.getProduces() != null) {
                for (MediaType type : match.value.getProduces().getSortedOriginalMediaTypes()) {
                    types.add(type.getType() + "/" + type.getSubtype());
                }
            }
        });
        return types;
    }

    /**
     * The same walk as the router: the best matching resource class, then any other class whose
     * template matches the same path, each with the rest of the path its methods map.
     */
    private static void forEachClass(ResteasyReactiveRequestContext request, BiConsumer<ClassRoutingHandler, String> visit) {
        if (request == null) {
            return;
        }
        String path = request.getPathWithoutPrefix();
        var templates = request.getDeployment().getClassMappers();
        RequestMapper<InitialMatch> classes = new RequestMapper<>(templates);
        var match = classes.map(path);
        // Bounded by the number of classes, in case a framework change ever made the walk circular.
        for (int i = 0; match != null && i < templates.size(); i++, match = classes.continueMatching(path, match)) {
            String remaining = match.remaining.isEmpty() ? "/" : match.remaining;
            for (ServerRestHandler handler : match.value.handlers) {
                if (handler instanceof ClassRoutingHandler routing) {
                    visit.accept(routing, remaining);
                }
            }
        }
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
