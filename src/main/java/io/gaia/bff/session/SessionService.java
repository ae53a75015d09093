package io.gaia.bff.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.gaia.bff.config.SessionConfig;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.smallrye.mutiny.Uni;

/**
 * The session rules: ids checked for shape before any lookup, an idle timeout that activity slides
 * and an absolute one nothing extends, caps on live sessions, and every lifecycle event logged.
 * A session ended on purpose (logout, revocation, eviction, a key Gaia rejects) is announced as
 * {@link SessionsEnded}, so that this instance's streams for it end too.
 */
@ApplicationScoped
public class SessionService {

    public static final String HEADER = "X-Session-ID";
    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionStore store;
    private final SessionConfig config;
    private final SessionEvents events;
    private final Clock clock;
    private final SessionStore.Caps caps;
    /** Activity closer than this to the last recorded one is not written again (a write per request is waste). */
    private final Duration touchGranularity;
    private final Event<SessionsEnded> ended;

    public SessionService(SessionStore store, SessionConfig config, SessionEvents events, Clock clock,
            Event<SessionsEnded> ended) {
        this.ended = ended;
        this.store = store;
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.caps = new SessionStore.Caps(config.maxTotal(), config.maxPerKey(),
                config.perKeyOverflow() == SessionConfig.PerKeyOverflow.EVICT_OLDEST);
        this.touchGranularity = Duration.ofMillis(Math.min(5_000, config.idle().toMillis() / 100));
    }

    public Uni<Session> create(String apiKey) {
        Instant now = clock.now();
        Session session = Session.start(SessionIds.newId(), apiKey, now, config.idle(), config.ttl());
        return store.create(session, caps, now).map(created -> {
            if (!created.stored()) {
                events.refused(session.keyId(), created.refusal());
                throw refused(created.refusal());
            }
            created.evicted().forEach(events::evicted);
            if (!created.evicted().isEmpty()) {
                announce(SessionsEnded.sessions(created.evicted().stream().map(Session::id).collect(Collectors.toSet()),
                        SessionsEnded.Reason.EVICTED));
            }
            events.created(session);
            return session;
        });
    }

    /**
     * Where a client sent the id that is not a session id, named in the 401 that refuses it. (A blank
     * one never comes from the socket: its reader refuses that itself, ClientMessageReader.)
     */
    public enum SentIn {
        HEADER_VALUE(HEADER),
        SOCKET_AUTH("The auth message's sessionId");

        private final String subject;

        SentIn(String subject) {
            this.subject = subject;
        }
    }

    /** The live session for this header value, activity recorded; or the 401 that says why not. */
    public Uni<Session> require(String sessionId) {
        return require(sessionId, SentIn.HEADER_VALUE);
    }

    /** As {@link #require(String)}, for an id sent elsewhere (the WebSocket's auth message). */
    public Uni<Session> require(String sessionId, SentIn sentIn) {
        return lookup(sessionId, sentIn).call(this::recordActivity);
    }

    /** The live session for this header value without recording activity (GET /session reports, never extends). */
    public Uni<Session> peek(String sessionId) {
        return lookup(sessionId, SentIn.HEADER_VALUE);
    }

    private Uni<Session> lookup(String sessionId, SentIn sentIn) {
        if (sessionId == null || sessionId.isBlank()) {
            return Uni.createFrom().failure(
                    new ApiException(ErrorCode.SESSION_REQUIRED, "Send the session id from /login in the " + HEADER + " header"));
        }
        if (!SessionIds.isWellFormed(sessionId)) {
            events.rejected(null, SessionEvents.Rejection.MALFORMED);
            return Uni.createFrom().failure(notASessionId(sessionId, sentIn));
        }
        return store.find(sessionId).map(found -> {
            Session session = found.orElseThrow(() -> {
                events.rejected(sessionId, SessionEvents.Rejection.UNKNOWN);
                return invalid();
            });
            session.expiryAt(clock.now()).ifPresent(expiry -> {
                // Kept until purged, so the client keeps hearing "expired", not "unknown".
                events.expired(session, expiry);
                throw expired(expiry);
            });
            return session;
        });
    }

    private Uni<Void> recordActivity(Session session) {
        Instant now = clock.now();
        if (Duration.between(session.lastActiveAt(), now).compareTo(touchGranularity) < 0) {
            return Uni.createFrom().voidItem();
        }
        return store.touch(session.activeAt(now, config.idle()));
    }

    public Uni<Void> logout(Session session) {
        return store.delete(session.id()).invoke(deleted -> {
            if (deleted) {
                events.loggedOut(session);
            }
            // Even if a racing request deleted it first: this session's streams must not outlive the logout.
            announce(SessionsEnded.sessions(Set.of(session.id()), SessionsEnded.Reason.LOGGED_OUT));
        }).replaceWithVoid();
    }

    /** Gaia answered 401 for the session's stored key (revoked upstream): the session can never work again. */
    public Uni<Void> endRejectedKey(Session session) {
        return store.delete(session.id()).invoke(deleted -> {
            if (deleted) {
                events.revoked(session, "gaia_rejected_key");
            }
            announce(SessionsEnded.sessions(Set.of(session.id()), SessionsEnded.Reason.KEY_REJECTED));
        }).replaceWithVoid();
    }

    /** Operator action: ends every session, or every session of one key id. */
    public Uni<Integer> revokeAll() {
        return store.deleteAll().invoke(count -> {
            events.revokedMany(count, "all");
            announce(SessionsEnded.everyone());
        });
    }

    public Uni<Integer> revokeKey(String keyId) {
        return store.deleteByKey(keyId).invoke(count -> {
            events.revokedMany(count, "key:" + keyId);
            announce(SessionsEnded.key(keyId));
        });
    }

    /**
     * Tells this instance's streams that sessions ended. Only this instance: with sessions in Redis,
     * a stream another replica runs for the session is not told (see README, "Several replicas").
     * Whatever an observer does wrong, the session is ended all the same.
     */
    private void announce(SessionsEnded what) {
        try {
            ended.fire(what);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Ending the streams of ended sessions failed (%s)", what);
        }
    }

    public Instant now() {
        return clock.now();
    }

    public Uni<Integer> purgeExpired() {
        return store.purgeExpired(clock.now()).invoke(events::purged);
    }

    public Uni<Long> liveSessions() {
        return store.count();
    }

    /**
     * A value that cannot be a session id is a mistake in the app (an id kept with JSON.stringify, a
     * "Bearer " prefix), not an ended session: logging in again would not help, so the detail says
     * what is wrong with the value, never repeating it.
     */
    private static ApiException notASessionId(String value, SentIn sentIn) {
        String sent = value.strip();
        String what = sent.length() > 1 && sent.startsWith("\"") && sent.endsWith("\"") ? "it is in quotes"
                : sent.regionMatches(true, 0, "Bearer ", 0, 7) ? "it starts with \"Bearer \""
                : "a session id is the 43 characters of session_id";
        return new ApiException(ErrorCode.SESSION_INVALID, sentIn.subject + " does not hold a session id from /login (" + what
                + "); send session_id exactly as /login returned it");
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.SESSION_INVALID, "Unknown session; log in again");
    }

    private static ApiException expired(Session.Expiry expiry) {
        return new ApiException(ErrorCode.SESSION_EXPIRED, expiry == Session.Expiry.IDLE
                ? "The session expired after inactivity; log in again"
                : "The session reached its maximum lifetime; log in again");
    }

    private ApiException refused(SessionStore.Created.Refusal refusal) {
        if (refusal == SessionStore.Created.Refusal.PER_KEY) {
            return new ApiException(ErrorCode.TOO_MANY_SESSIONS_FOR_KEY, 429,
                    "This API key already has " + config.maxPerKey() + " sessions; log out of one first",
                    Map.of(), null);
        }
        return new ApiException(ErrorCode.TOO_MANY_SESSIONS, 503,
                "The service holds its maximum of sessions; try again later", Map.of("Retry-After", "60"), null);
    }
}
