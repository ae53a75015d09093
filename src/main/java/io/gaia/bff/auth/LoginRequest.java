package io.gaia.bff.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.gaia.bff.gaia.UpstreamText;
import io.gaia.bff.problem.TwoSpellings;

/** The seed's login body; {@code apiKey} is accepted as well as {@code api_key} ({@link TwoSpellings}). */
public record LoginRequest(
        @JsonProperty("api_key")
        @NotBlank(message = "is required")
        @Size(max = 4096, message = "must be at most 4096 characters")
        // The key travels in the apiKey header: anything else there would be our failure, not Gaia's answer.
        @Pattern(regexp = UpstreamText.PRINTABLE_ASCII,
                message = "must contain only printable ASCII characters (no control characters, no accents or other scripts)")
        @Schema(description = "Your Gaia API key (apiKey is accepted too)", required = true, pattern = LoginRequest.KEY_AS_SENT)
        String apiKey,

        @JsonProperty("apiKey")
        @Schema(hidden = true)
        String camelCaseApiKey) {

    /**
     * What the document tells generated clients: the key as sent, before the service strips it, so a
     * key pasted with its newline passes a client-side check as it passes here; a blank one does not.
     */
    static final String KEY_AS_SENT = "^[\\t\\n\\r ]*[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?[\\t\\n\\r ]*$";

    public LoginRequest {
        String given = TwoSpellings.either("the key", "api_key", apiKey, "apiKey", camelCaseApiKey);
        // Keys pasted from a file or a terminal often end in a newline; Gaia's keys have no outer whitespace.
        apiKey = given == null ? null : given.strip();
        // The key is held once, as apiKey.
        camelCaseApiKey = null;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "LoginRequest[api_key=***]";
    }
}
