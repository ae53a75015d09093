package io.gaia.bff.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gaia.bff.config.SessionConfig;

/**
 * The session lifecycle as structured log lines ({@code session_event=... session=... key=...}).
 * A session appears only as a salted hash of its id (HMAC-SHA256 with SESSION_LOG_SALT), so the log
 * can follow one session without holding anything that would let a reader use it; the key only as
 * its key id.
 */
@ApplicationScoped
public class SessionEvents {

    /** Why an id was turned away. */
    public enum Rejection {
        MALFORMED, UNKNOWN, EXPIRED_IDLE, EXPIRED_ABSOLUTE
    }

    private static final Logger LOG = Logger.getLogger("io.gaia.bff.session.events");

    private final SecretKeySpec salt;
    /**
     * One keyed Mac per thread: the access line hashes the session of every request, and looking
     * up and keying a new Mac each time showed in the request profile (bench/RESULTS.md).
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SessionEvents(SessionConfig config) {
        byte[] bytes = config.logSalt().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
        this.salt = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The salted hash of a session id that logs and admin tools may show. */
    public String hash(String sessionId) {
        // doFinal leaves the Mac reset and keyed for the next id.
        return HexFormat.of().formatHex(macs.get().doFinal(sessionId.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(salt);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    public void created(Session session) {
        LOG.infof("session_event=created session=%s key=%s expires_at=%s", hash(session.id()), session.keyId(),
                session.absoluteExpiresAt());
    }

    /** A login turned away by a cap: at the total cap the service is full, which an operator must hear about. */
    public void refused(String keyId, SessionStore.Created.Refusal why) {
        if (why == SessionStore.Created.Refusal.TOTAL) {
            LOG.warnf("session_event=refused key=%s reason=total_limit", keyId);
        } else {
            LOG.infof("session_event=refused key=%s reason=per_key_limit", keyId);
        }
    }

    public void evicted(Session session) {
        LOG.infof("session_event=evicted session=%s key=%s reason=per_key_limit", hash(session.id()), session.keyId());
    }

    public void loggedOut(Session session) {
        LOG.infof("session_event=logout session=%s key=%s", hash(session.id()), session.keyId());
    }

    public void expired(Session session, Session.Expiry expiry) {
        LOG.infof("session_event=expired session=%s key=%s reason=%s", hash(session.id()), session.keyId(),
                expiry.name().toLowerCase());
    }

    public void revoked(Session session, String reason) {
        LOG.infof("session_event=revoked session=%s key=%s reason=%s", hash(session.id()), session.keyId(), reason);
    }

    public void revokedMany(int count, String scope) {
        LOG.infof("session_event=revoked sessions=%d scope=%s reason=admin", count, scope);
    }

    /** Expired sessions dropped by the reaper, so memory use can be followed in the log. */
    public void purged(int count) {
        if (count > 0) {
            LOG.infof("session_event=purged sessions=%d reason=expired", count);
        }
    }

    /** An id turned away; malformed ids are not hashed (they may be anything, even a key pasted by mistake). */
    public void rejected(String sessionId, Rejection why) {
        if (why == Rejection.MALFORMED || sessionId == null) {
            LOG.infof("session_event=rejected reason=%s", why.name().toLowerCase());
        } else {
            LOG.infof("session_event=rejected session=%s reason=%s", hash(sessionId), why.name().toLowerCase());
        }
    }
}
