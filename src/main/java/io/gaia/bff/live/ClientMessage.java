package io.gaia.bff.live;

import io.gaia.bff.ask.AskRequest;

/** What a client may send on /api/v1/ws, already parsed and validated by {@link ClientMessageReader}. */
sealed interface ClientMessage {

    /** The first message of every socket. The session id travels here, not in the URL, which ends up in logs. */
    record Auth(String sessionId) implements ClientMessage {
        /** Never prints the session id: records would, and messages end up in log statements. */
        @Override
        public String toString() {
            return "Auth[sessionId=***]";
        }
    }

    /** A question; its answer streams back under the client's id. */
    record Ask(String id, AskRequest request) implements ClientMessage {
    }

    /** Stop the running ask with this id. */
    record Cancel(String id) implements ClientMessage {
    }
}
