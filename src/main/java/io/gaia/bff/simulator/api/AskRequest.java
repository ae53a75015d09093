package io.gaia.bff.simulator.api;

import java.util.List;

/** Body of {@code POST /ask} and {@code POST /ask/stream}. The LLM fields are accepted and ignored. */
public record AskRequest(
        List<String> datasetNames,
        String queryString,
        String conversationId,
        String llmName,
        String llmId,
        List<HistoryEntry> history) {

    /** An earlier exchange a client replays when the server does not know the conversation. */
    public record HistoryEntry(String query, String response) {
    }
}
