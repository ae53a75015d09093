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
 * works. Gaia's 401/403 is the user's bad key; anything else is Gaia's trouble and says so.
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
                .onItemOrFailure().invoke((session, failure) -> metrics.login(outcomeOf(failure)));
    }

    private static LoginOutcome outcomeOf(Throwable failure) {
        if (failure == null) {
            return LoginOutcome.SUCCESS;
        }
        if (failure instanceof GaiaException) {
            return LoginOutcome.GAIA_ERROR;
        }
        if (failure instanceof ApiException api) {
            switch (api.code()) {
                case INVALID_API_KEY:
                    return LoginOutcome.INVALID_KEY;
                case TOO_MANY_SESSIONS:
                case TOO_MANY_SESSIONS_FOR_KEY:
                    return LoginOutcome.SESSION_LIMIT;
                default:
                    return LoginOutcome.ERROR;
            }
        }
        return LoginOutcome.ERROR;
    }

    private static Throwable rejected(String apiKey, GaiaException failure) {
        if (failure.kind() == GaiaException.Kind.STATUS && (failure.status() == 401 || failure.status() == 403)) {
            LOG.infof("Login refused for key %s: Gaia answered %d", SessionIds.keyId(apiKey), failure.status());
            return new ApiException(ErrorCode.INVALID_API_KEY, "Gaia rejected the API key: " + failure.gaiaMessage());
        }
        return failure;
    }
}
