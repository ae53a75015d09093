package io.gaia.bff.abuse;

import jakarta.ws.rs.Priorities;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.gaia.bff.observability.BffMetrics;
import io.gaia.bff.observability.BffMetrics.LoginOutcome;
import io.gaia.bff.session.CurrentSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Applies the rate limits to the routes marked for them. Runs before the body is read, so malformed
 * and invalid requests count too (they cost as much to send), and after the session check, so a
 * client without a session still hears 401 first and never spends a session's allowance.
 */
public class RateLimitFilter {

    /** After SessionFilter, which runs at the default priority (USER). */
    private static final int AFTER_SESSION = Priorities.USER + 100;

    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final CurrentSession current;
    private final BffMetrics metrics;

    public RateLimitFilter(RateLimiter limiter, ClientAddresses addresses, CurrentSession current, BffMetrics metrics) {
        this.metrics = metrics;
        this.limiter = limiter;
        this.addresses = addresses;
        this.current = current;
    }

    @ServerRequestFilter(priority = AFTER_SESSION)
    @LoginAttempt
    public Uni<Void> countLogin(HttpServerRequest request) {
        // Counted here, as the login never runs: bff_logins_total counts every attempt a user made.
        return limiter.loginAttempt(addresses.of(request))
                .onFailure().invoke(refused -> metrics.login(LoginOutcome.of(refused)));
    }

    @ServerRequestFilter(priority = AFTER_SESSION)
    @CountsAsAsk
    public Uni<Void> countAsk() {
        return limiter.ask(current.get());
    }
}
