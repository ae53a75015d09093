package io.gaia.bff.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The stable codes clients branch on; each has one HTTP status. */
@Schema(name = "ErrorCode", description = "Stable machine-readable code: branch on it, not on detail", example = "SESSION_EXPIRED")
public enum ErrorCode {
    VALIDATION_FAILED(400),
    MALFORMED_JSON(400),
    SESSION_REQUIRED(401),
    SESSION_INVALID(401),
    SESSION_EXPIRED(401),
    INVALID_API_KEY(401),
    GAIA_FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMITED(429),
    GAIA_REJECTED_REQUEST(400),
    GAIA_ERROR(502),
    GAIA_BAD_RESPONSE(502),
    GAIA_TLS_ERROR(502),
    GAIA_UNAVAILABLE(503),
    GAIA_TIMEOUT(504),
    TOO_MANY_STREAMS(503),
    TOO_MANY_SESSIONS(503),
    TOO_MANY_SESSIONS_FOR_KEY(429),
    SESSION_STORE_UNAVAILABLE(503),
    ADMIN_TOKEN_REQUIRED(401),
    SHUTTING_DOWN(503),
    GAIA_BUSY(503),
    INTERNAL_ERROR(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
