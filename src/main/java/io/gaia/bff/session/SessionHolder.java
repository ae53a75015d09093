package io.gaia.bff.session;

import java.util.Set;

/**
 * Something that keeps using a session beyond one request (an answer stream, a WebSocket), and ends
 * with it on {@link SessionsEnded}. {@link SessionsEndedElsewhere} asks each for the sessions it holds.
 */
public interface SessionHolder {

    /** The raw ids of the sessions held now: never log them. */
    Set<String> heldSessionIds();
}
