package io.gaia.bff.session;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/** The session of the request being served, set by {@link SessionFilter}. */
@RequestScoped
public class CurrentSession {

    private Session session;

    void set(Session session) {
        this.session = session;
    }

    /** Empty on routes that need no session (login, docs). */
    public Optional<Session> find() {
        return Optional.ofNullable(session);
    }

    public Session get() {
        if (session == null) {
            throw new IllegalStateException("No session: is the route annotated @SessionRequired?");
        }
        return session;
    }
}
