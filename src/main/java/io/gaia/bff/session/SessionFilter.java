package io.gaia.bff.session;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks the session before anything else about a request, so a client without a valid session
 * always hears 401 first. The id is read from the X-Session-ID header only.
 */
public class SessionFilter {

    private final SessionService sessions;
    private final CurrentSession current;

    public SessionFilter(SessionService sessions, CurrentSession current) {
        this.sessions = sessions;
        this.current = current;
    }

    @ServerRequestFilter
    @SessionRequired
    public void requireSession(ContainerRequestContext request) {
        current.set(sessions.require(request.getHeaderString(SessionService.HEADER)));
    }
}
