package io.gaia.bff.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.smallrye.mutiny.Uni;

/**
 * Checks the session before anything else about a request, so a client without a valid session
 * always hears 401 first. The id is read from the X-Session-ID header only: never from the query
 * string (it would land in access logs and browser history), a cookie or the body.
 */
public class SessionFilter {

    private final SessionService sessions;
    private final CurrentSession current;
    private final Map<String, Boolean> reportOnlyRoutes = new ConcurrentHashMap<>();

    public SessionFilter(SessionService sessions, CurrentSession current) {
        this.sessions = sessions;
        this.current = current;
    }

    @ServerRequestFilter
    @SessionRequired
    public Uni<Void> requireSession(ContainerRequestContext request, SimpleResourceInfo resource) {
        String id = request.getHeaderString(SessionService.HEADER);
        boolean reportsOnly = reportOnlyRoutes.computeIfAbsent(
                resource.getResourceClass().getName() + "#" + resource.getMethodName(), route -> isReportOnly(resource));
        return (reportsOnly ? sessions.peek(id) : sessions.require(id)).invoke(current::set).replaceWithVoid();
    }

    private static boolean isReportOnly(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes())
                    .isAnnotationPresent(ReportsOnly.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
