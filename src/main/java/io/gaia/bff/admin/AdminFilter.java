package io.gaia.bff.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards everything under /admin before routing, so that with the endpoint off even a wrong method
 * gets the unknown-route 404 (not a 405 that would betray the route), and with it on nothing about
 * the routes is told before the token is checked. The route-bound check repeats it in case a path
 * spelling ever routes to an operator resource without looking like /admin here.
 */
public class AdminFilter {

    private final AdminGuard guard;

    public AdminFilter(AdminGuard guard) {
        this.guard = guard;
    }

    @ServerRequestFilter(preMatching = true)
    public void beforeRouting(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (AdminGuard.isAdminPath(path)) {
            guard.check(path, request.getHeaderString(HttpHeaders.AUTHORIZATION));
        }
    }

    @ServerRequestFilter
    @OperatorOnly
    public void onOperatorRoute(ContainerRequestContext request) {
        guard.check(request.getUriInfo().getPath(), request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }
}
