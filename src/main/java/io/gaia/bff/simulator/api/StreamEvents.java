package io.gaia.bff.simulator.api;

import java.util.List;

/** The two payloads of {@code /ask/stream}: one per word, then one closing event. */
public final class StreamEvents {

    private StreamEvents() {
    }

    /** {@code responseString} is the increment, never the running total. */
    public record Delta(String responseString) {
    }

    public record Final(
            String queryUid,
            String conversationId,
            String conversationName,
            List<GaiaDocument> documents,
            String finishReason) {
    }
}
