package io.gaia.bff.live;

import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * How long the service waits for a client to answer its close frame before dropping the connection.
 * Until then the socket counts as an in-flight request, so with Vert.x's 10 s one client whose network
 * has gone would hold every shutdown for the whole default SHUTDOWN_TIMEOUT_SECONDS. A client that is
 * still there answers within a round trip; one that is not has been sent the close code, it just
 * never confirms it.
 */
@Singleton
class ClosingHandshakeLimit implements HttpServerOptionsCustomizer {

    static final int SECONDS = 2;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketClosingTimeout(SECONDS);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setWebSocketClosingTimeout(SECONDS);
    }
}
