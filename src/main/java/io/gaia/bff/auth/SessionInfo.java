package io.gaia.bff.auth;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

public record SessionInfo(
        @JsonProperty("expires_in") @Schema(description = "Seconds until the session expires") long expiresIn,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("created_at") Instant createdAt) {
}
