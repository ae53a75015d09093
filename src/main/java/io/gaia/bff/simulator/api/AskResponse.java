package io.gaia.bff.simulator.api;

import java.util.List;

public record AskResponse(
        String responseString,
        String queryUid,
        String conversationId,
        String conversationName,
        List<GaiaDocument> documents,
        String finishReason,
        String status) {
}
