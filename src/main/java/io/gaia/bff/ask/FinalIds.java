package io.gaia.bff.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gaia.bff.gaia.GaiaPayload;

/**
 * The ids Gaia's last event carries (queryUid, conversationId), whichever payload shape it used, so
 * the stream's closing {@code done} event can repeat them: a client that sees {@code done} knows
 * it has the whole answer and how to continue the conversation.
 */
final class FinalIds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String queryUid;
    private String conversationId;

    void note(String eventData) {
        // Only the final event has these; do not parse every word of the answer as JSON.
        if (eventData == null || !(eventData.contains("queryUid") || eventData.contains("conversationId"))) {
            return;
        }
        try {
            JsonNode payload = GaiaPayload.unwrap(JSON.readTree(eventData));
            queryUid = textOr(payload.path("queryUid"), queryUid);
            conversationId = textOr(payload.path("conversationId"), conversationId);
        } catch (Exception notJson) {
            // Gaia's data is relayed as is; the done event then simply lacks the ids.
        }
    }

    String toJson(ObjectMapper json) {
        ObjectNode done = json.createObjectNode();
        done.put("queryUid", queryUid);
        done.put("conversationId", conversationId);
        return done.toString();
    }

    private static String textOr(JsonNode value, String fallback) {
        return value.isTextual() ? value.asText() : fallback;
    }
}
