package io.gaia.bff.session;

import java.util.Set;

import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;

/**
 * Sessions this instance just ended on purpose: a logout, an operator's revocation, an eviction by
 * SESSION_MAX_PER_KEY, a key Gaia no longer accepts; or sessions held here that another replica ended
 * ({@link SessionsEndedElsewhere}). Fired (synchronously, as a CDI event) after the store deleted
 * them, so that streams still running for them here end at once instead of relaying to a user who
 * has logged out. Holds raw session ids: never log it.
 *
 * @param sessionIds the sessions ended, when {@code keyId} is null and {@code all} is false
 * @param keyId every session of this key id ended, or null
 * @param all every session ended
 */
public record SessionsEnded(Set<String> sessionIds, String keyId, boolean all, Reason reason) {

    /** Why, in the words the stream's end carries. */
    public enum Reason {
        LOGGED_OUT("The session was logged out"),
        REVOKED("An operator ended the session"),
        EVICTED("A newer login with the same API key ended this session (SESSION_MAX_PER_KEY)"),
        KEY_REJECTED("Gaia no longer accepts this session's API key"),
        /** Found missing from the shared store: ended on another replica, or expired and purged. */
        GONE("The session was ended (logged out, revoked or expired), possibly on another instance of the service");

        private final String detail;

        Reason(String detail) {
            this.detail = detail;
        }
    }

    static SessionsEnded sessions(Set<String> sessionIds, Reason reason) {
        return new SessionsEnded(Set.copyOf(sessionIds), null, false, reason);
    }

    static SessionsEnded key(String keyId) {
        return new SessionsEnded(Set.of(), keyId, false, Reason.REVOKED);
    }

    static SessionsEnded everyone() {
        return new SessionsEnded(Set.of(), null, true, Reason.REVOKED);
    }

    /** Whether the session with this id (of the key with this key id) is one of those ended. */
    public boolean includes(String sessionId, String sessionKeyId) {
        return all || (keyId != null && keyId.equals(sessionKeyId)) || sessionIds.contains(sessionId);
    }

    /** What a stream of an ended session ends with: the SESSION_INVALID its next request would get. */
    public ApiException problem() {
        return new ApiException(ErrorCode.SESSION_INVALID, reason.detail + "; log in again");
    }

    /** Never prints the ids: records would, and events end up in log statements. */
    @Override
    public String toString() {
        return "SessionsEnded[" + (all ? "all" : keyId != null ? "key=" + keyId : sessionIds.size() + " session(s)")
                + ", " + reason + "]";
    }
}
