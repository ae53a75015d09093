package io.gaia.bff.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

public record LoginResponse(
        @JsonProperty("session_id") @Schema(required = true, description = "Send it back in the X-Session-ID header") String sessionId,
        @JsonProperty("expires_in") @Schema(required = true, description = "Seconds until the session expires") long expiresIn) {

    @Override
    public String toString() {
        return "LoginResponse[expires_in=" + expiresIn + "]";
    }
}
