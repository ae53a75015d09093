package io.gaia.bff.auth;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.gaia.bff.session.Session;

public record SessionInfo(
        @JsonProperty("expires_in") @Schema(required = true, description = "Seconds until the session ends if no request comes: the earlier of the two ends") long expiresIn,
        @JsonProperty("expires_at") @Schema(required = true) Instant expiresAt,
        @JsonProperty("idle_expires_in") @Schema(required = true, description = "Seconds of inactivity left; each request starts them again") long idleExpiresIn,
        @JsonProperty("idle_expires_at") @Schema(required = true) Instant idleExpiresAt,
        @JsonProperty("absolute_expires_in") @Schema(required = true, description = "Seconds until the session ends however active it is") long absoluteExpiresIn,
        @JsonProperty("absolute_expires_at") @Schema(required = true) Instant absoluteExpiresAt,
        @JsonProperty("created_at") @Schema(required = true) Instant createdAt) {

    public static SessionInfo of(Session session, Instant now) {
        return new SessionInfo(session.secondsLeftAt(now), session.expiresAt(),
                secondsUntil(now, session.idleExpiresAt()), session.idleExpiresAt(),
                secondsUntil(now, session.absoluteExpiresAt()), session.absoluteExpiresAt(), session.createdAt());
    }

    private static long secondsUntil(Instant now, Instant end) {
        return Math.max(0, Duration.between(now, end).toSeconds());
    }
}
