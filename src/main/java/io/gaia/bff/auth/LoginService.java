package io.gaia.bff.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gaia.bff.gaia.GaiaException;
import io.gaia.bff.gaia.GaiaService;
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

    public LoginService(GaiaService gaia, SessionService sessions) {
        this.gaia = gaia;
        this.sessions = sessions;
    }

    public Uni<Session> login(String apiKey) {
        return gaia.listDatasets(apiKey, null)
                .onFailure(GaiaException.class).transform(failure -> rejected(apiKey, (GaiaException) failure))
                .chain(ignored -> sessions.create(apiKey));
    }

    private static Throwable rejected(String apiKey, GaiaException failure) {
        if (failure.kind() == GaiaException.Kind.STATUS && (failure.status() == 401 || failure.status() == 403)) {
            LOG.infof("Login refused for key %s: Gaia answered %d", SessionIds.keyId(apiKey), failure.status());
            return new ApiException(ErrorCode.INVALID_API_KEY, "Gaia rejected the API key: " + failure.gaiaMessage());
        }
        return failure;
    }
}
