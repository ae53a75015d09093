package io.gaia.bff.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The seed's login body; {@code apiKey} is accepted as well as {@code api_key}. */
public record LoginRequest(
        @JsonProperty("api_key") @JsonAlias("apiKey")
        @NotBlank(message = "is required")
        @Size(max = 4096, message = "must be at most 4096 characters")
        @Schema(description = "Your Gaia API key (apiKey is accepted too)", required = true)
        String apiKey) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "LoginRequest[api_key=***]";
    }
}
