package io.gaia.bff.ask;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.gaia.bff.gaia.GaiaAskRequest;
import io.gaia.bff.gaia.UpstreamText;
import io.gaia.bff.problem.TwoSpellings;

/** A question, as the seed's clients send it. The limits keep one request from being a burden. */
public record AskRequest(
        @NotEmpty(message = "must list at least one dataset name")
        @Size(max = 50, message = "must list at most 50 dataset names")
        @Schema(required = true, examples = "[\"team-handbook\"]")
        List<@NotBlank(message = "must not be blank") @Size(max = 256, message = "must be at most 256 characters")
                @Pattern(regexp = UpstreamText.NO_CONTROL_CHARACTERS, message = "must not contain control characters")
                String> datasetNames,

        @NotBlank(message = "must not be blank")
        @Size(max = 8000, message = "must be at most 8000 characters")
        @Schema(required = true, examples = "How do I claim travel expenses?")
        String queryString,

        @Size(max = 256, message = "must be at most 256 characters")
        @Schema(description = "Send back the conversation_id of an earlier answer to ask a follow-up "
                + "(conversation_id is accepted too)")
        String conversationId,

        @Size(max = 256, message = "must be at most 256 characters")
        @Schema(description = "Use this LLM instead of Gaia's default")
        String llmName,

        @Size(max = 256, message = "must be at most 256 characters")
        @Schema(description = "Use the LLM with this id instead of Gaia's default")
        String llmId,

        // The answer hands the id out as conversation_id, so an app that sends it back as it came must
        // continue the conversation, not silently start a new one.
        @JsonProperty("conversation_id")
        @Schema(hidden = true)
        String snakeCaseConversationId) {

    public AskRequest {
        conversationId = TwoSpellings.either("the conversation id", "conversationId", conversationId,
                "conversation_id", snakeCaseConversationId);
        // The id is held once, as conversationId.
        snakeCaseConversationId = null;
    }

    public GaiaAskRequest toGaia() {
        return new GaiaAskRequest(datasetNames, queryString, blankToNull(conversationId), blankToNull(llmName),
                blankToNull(llmId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
