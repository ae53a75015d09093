package io.gaia.bff.live;

import java.time.Duration;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.abuse.RateLimiter;
import io.gaia.bff.ask.OpenStreams;
import io.gaia.bff.config.LiveConfig;
import io.gaia.bff.gaia.GaiaService;
import io.gaia.bff.session.Clock;
import io.gaia.bff.session.SessionService;
import io.vertx.core.Vertx;

/**
 * What every socket needs, injected once: a {@link LiveConnection} is created per socket by the
 * endpoint, not by CDI, so it receives its collaborators from here.
 */
@Singleton
class LiveServices {

    private final GaiaService gaia;
    private final OpenStreams streams;
    private final OpenSockets sockets;
    private final SessionService sessions;
    private final RateLimiter limits;
    private final Clock clock;
    private final ClientMessageReader reader;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Duration authTimeout;
    private final int maxMessageBytes;

    LiveServices(GaiaService gaia, OpenStreams streams, OpenSockets sockets, SessionService sessions, RateLimiter limits,
            Clock clock, ClientMessageReader reader, ObjectMapper json, Vertx vertx, LiveConfig config) {
        this.gaia = gaia;
        this.streams = streams;
        this.sockets = sockets;
        this.sessions = sessions;
        this.limits = limits;
        this.clock = clock;
        this.reader = reader;
        this.json = json;
        this.vertx = vertx;
        this.authTimeout = config.authTimeoutDuration();
        this.maxMessageBytes = config.maxMessageBytes();
    }

    GaiaService gaia() {
        return gaia;
    }

    OpenStreams streams() {
        return streams;
    }

    OpenSockets sockets() {
        return sockets;
    }

    SessionService sessions() {
        return sessions;
    }

    RateLimiter limits() {
        return limits;
    }

    Clock clock() {
        return clock;
    }

    ClientMessageReader reader() {
        return reader;
    }

    ObjectMapper json() {
        return json;
    }

    Vertx vertx() {
        return vertx;
    }

    Duration authTimeout() {
        return authTimeout;
    }

    int maxMessageBytes() {
        return maxMessageBytes;
    }
}
