package io.gaia.bff.gaia;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The last thing known about whether Gaia answers, from real traffic and from the periodic probe.
 * Readiness reports it as data; it never fails the pod, since restarting this service does not fix
 * Gaia.
 */
@ApplicationScoped
public class GaiaReachability {

    public record Observation(boolean reachable, String outcome, Instant at) {
    }

    private final AtomicReference<Observation> last = new AtomicReference<>();

    void answered(String outcome) {
        last.set(new Observation(true, outcome, Instant.now()));
    }

    void failed(String outcome) {
        last.set(new Observation(false, outcome, Instant.now()));
    }

    void record(GaiaException gaia) {
        switch (gaia.kind()) {
            case STATUS -> {
                if (gaia.status() == 502 || gaia.status() == 503 || gaia.status() == 504) {
                    failed("HTTP " + gaia.status());
                } else {
                    answered("HTTP " + gaia.status());
                }
            }
            case BAD_RESPONSE -> answered("unreadable answer");
            case FAILED_WHILE_ANSWERING -> answered("failed while answering");
            case CIRCUIT_OPEN, BUSY -> {
                // Not attempted: nothing new is known about Gaia.
            }
            default -> failed(gaia.kind().name().toLowerCase());
        }
    }

    /** Null until the first call or probe. */
    public Observation last() {
        return last.get();
    }
}
