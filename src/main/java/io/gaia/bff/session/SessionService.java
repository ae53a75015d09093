package io.gaia.bff.session;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gaia.bff.config.SessionConfig;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;

/** Creating, checking and ending sessions. Log lines name a session only by its key id. */
@ApplicationScoped
public class SessionService {

    public static final String HEADER = "X-Session-ID";
    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionStore store;
    private final SessionConfig config;
    private final Clock clock;

    public SessionService(SessionStore store, SessionConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    public Session create(String apiKey) {
        Instant now = clock.now();
        Session session = new Session(SessionIds.newId(), apiKey, SessionIds.keyId(apiKey), now, now.plus(config.ttl()));
        store.save(session);
        LOG.infof("Session created for key %s, expires %s", session.keyId(), session.expiresAt());
        return session;
    }

    /** The live session for this header value, or the 401 that tells the client why not. */
    public Session require(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new ApiException(ErrorCode.SESSION_REQUIRED, "Send the session id from /login in the " + HEADER + " header");
        }
        if (!SessionIds.isWellFormed(sessionId)) {
            throw invalid();
        }
        Session session = store.find(sessionId).orElseThrow(SessionService::invalid);
        if (session.isExpiredAt(clock.now())) {
            // Kept until the reaper purges it, so the client keeps hearing "expired", not "unknown".
            LOG.infof("Session for key %s rejected: expired", session.keyId());
            throw new ApiException(ErrorCode.SESSION_EXPIRED, "The session has expired; log in again");
        }
        return session;
    }

    public void logout(Session session) {
        store.delete(session.id());
        LOG.infof("Session for key %s logged out", session.keyId());
    }

    /** Gaia answered 401 for the session's stored key (revoked upstream): the session can never work again. */
    public void endRejectedKey(Session session) {
        if (store.delete(session.id())) {
            LOG.infof("Session for key %s ended: Gaia no longer accepts its key", session.keyId());
        }
    }

    public long secondsLeft(Session session) {
        return session.secondsLeftAt(clock.now());
    }

    public int purgeExpired() {
        int purged = store.purgeExpired(clock.now());
        if (purged > 0) {
            LOG.debugf("Purged %d expired sessions", purged);
        }
        return purged;
    }

    public int liveSessions() {
        return store.size();
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.SESSION_INVALID, "Unknown session; log in again");
    }
}
