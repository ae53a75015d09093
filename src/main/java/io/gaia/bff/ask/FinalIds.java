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

    private String queryUid;
    private String conversationId;

    /** An event's payload, already unwrapped. */
    void note(JsonNode payload) {
        if (GaiaPayload.isFinal(payload)) {
            queryUid = textOr(payload.path("queryUid"), queryUid);
            conversationId = textOr(payload.path("conversationId"), conversationId);
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
