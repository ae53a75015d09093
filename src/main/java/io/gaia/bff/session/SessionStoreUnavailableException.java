package io.gaia.bff.session;

/** The session store (Redis) did not answer; requests needing a session get 503, never a pass. */
public class SessionStoreUnavailableException extends RuntimeException {

    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
