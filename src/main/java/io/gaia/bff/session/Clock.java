package io.gaia.bff.session;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** The time sessions are judged by; a bean so tests can move it forward instead of sleeping. */
@ApplicationScoped
public class Clock {

    public Instant now() {
        return Instant.now();
    }
}
