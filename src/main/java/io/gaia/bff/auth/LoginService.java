package io.gaia.bff.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gaia.bff.gaia.GaiaException;
import io.gaia.bff.gaia.GaiaService;
import io.gaia.bff.observability.BffMetrics;
import io.gaia.bff.observability.BffMetrics.LoginOutcome;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.gaia.bff.session.Session;
import io.gaia.bff.session.SessionIds;
import io.gaia.bff.session.SessionService;
import io.smallrye.mutiny.Uni;

/**
 * Logs a key in by asking Gaia for its datasets, as the Gaia guide does: an answer means the key
 * works. Gaia's 401/403 is the user's bad key; anything else is Gaia's trouble (or, for a 404, its
 * address's) and says so.
 */
@ApplicationScoped
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);

    private final GaiaService gaia;
    private final SessionService sessions;
    private final BffMetrics metrics;

    public LoginService(GaiaService gaia, SessionService sessions, BffMetrics metrics) {
        this.gaia = gaia;
        this.metrics = metrics;
        this.sessions = sessions;
    }

    public Uni<Session> login(String apiKey) {
        return gaia.checkKey(apiKey, BffMetrics.LOGIN)
                .onFailure(GaiaException.class).transform(failure -> rejected(apiKey, (GaiaException) failure))
                .chain(ignored -> sessions.create(apiKey))
                .onItemOrFailure().invoke((session, failure) -> metrics.login(LoginOutcome.of(failure)));
    }

    private static Throwable rejected(String apiKey, GaiaException failure) {
        if (failure.kind() == GaiaException.Kind.STATUS && (failure.status() == 401 || failure.status() == 403)) {
            LOG.infof("Login refused for key %s: Gaia answered %d", SessionIds.keyId(apiKey), failure.status());
            return new ApiException(ErrorCode.INVALID_API_KEY, "Gaia rejected the API key: " + failure.gaiaMessage());
        }
        if (failure.kind() == GaiaException.Kind.STATUS && failure.status() == 404) {
            // The key check asks for Gaia's dataset list, which exists for every key: a 404 means the
            // request went somewhere that is not Gaia's API root. As the usual NOT_FOUND it read to the
            // app as "/api/v1/login does not exist".
            LOG.warn("Login could not check the key: Gaia answered 404 to GET /datasets; check GAIA_BASE_URL");
            return new ApiException(ErrorCode.GAIA_ERROR, "Gaia's datasets endpoint was not found (HTTP 404), "
                    + "so the key could not be checked: check GAIA_BASE_URL");
        }
        return failure;
    }
}
