package io.gaia.bff.auth;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.gaia.bff.gaia.UpstreamText;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.gaia.bff.problem.Problem;

/**
 * The seed's login body; {@code apiKey} is accepted as well as {@code api_key}. The two spellings
 * are separate properties rather than a Jackson alias: with an alias, a body carrying both fails
 * inside Jackson's record support, and the client got a 500 instead of being told what was wrong.
 */
public record LoginRequest(
        @JsonProperty("api_key")
        @NotBlank(message = "is required")
        @Size(max = 4096, message = "must be at most 4096 characters")
        // A control character cannot travel in the apiKey header: Gaia's answer would be our failure.
        @Pattern(regexp = UpstreamText.NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        @Schema(description = "Your Gaia API key (apiKey is accepted too)", required = true)
        String apiKey,

        @JsonProperty("apiKey")
        @Schema(hidden = true)
        String camelCaseApiKey) {

    public LoginRequest {
        if (apiKey != null && camelCaseApiKey != null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, 400, "Send the key as api_key or as apiKey, not both",
                    Map.of(), List.of(new Problem.FieldError("api_key", "must not be sent together with apiKey")));
        }
        // Keys pasted from a file or a terminal often end in a newline; Gaia's keys have no outer whitespace.
        String given = apiKey != null ? apiKey : camelCaseApiKey;
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
