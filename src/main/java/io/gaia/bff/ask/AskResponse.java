package io.gaia.bff.ask;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The seed's answer shape. {@code documents} are Gaia's, unchanged (citations and all). */
public record AskResponse(
        @Schema(required = true, description = "The answer (empty when Gaia sent none)") String response,
        @JsonProperty("query_uid") @Schema(required = true, nullable = true,
                description = "Gaia's id of this question; null when Gaia sent none") String queryUid,
        @JsonProperty("conversation_id") @Schema(required = true, nullable = true,
                description = "Send back as conversationId to ask a follow-up; null when Gaia sent none") String conversationId,
        @Schema(required = true, description = "Cited documents exactly as Gaia sent them (empty when Gaia sent none)",
                type = SchemaType.ARRAY, implementation = GaiaDocument.class)
        JsonNode documents) {

    static AskResponse fromGaia(JsonNode answer) {
        JsonNode documents = answer.path("documents");
        return new AskResponse(
                java.util.Objects.requireNonNullElse(text(answer, "responseString"), ""),
                text(answer, "queryUid"),
                text(answer, "conversationId"),
                documents.isArray() ? documents : JsonNodeFactory.instance.arrayNode());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
