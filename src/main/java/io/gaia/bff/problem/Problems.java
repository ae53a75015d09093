package io.gaia.bff.problem;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.gaia.bff.gaia.GaiaException;
import io.gaia.bff.gaia.GaiaResponseExceptionMapper;
import io.gaia.bff.session.SessionStoreUnavailableException;

/** The one place that decides which problem a failure becomes. */
public final class Problems {

    private Problems() {
    }

    public static Problem of(ApiException e, String instance) {
        Response.Status.Family family = Response.Status.Family.familyOf(e.status());
        Response.StatusType type = Response.Status.fromStatusCode(e.status());
        String title = type != null ? type.getReasonPhrase()
                : family == Response.Status.Family.CLIENT_ERROR ? "Client Error" : "Server Error";
        return new Problem("about:blank", title, e.status(), e.getMessage(), e.code().name(), instance, e.errors());
    }

    /** Any failure as the problem a client should see; unknown failures say nothing about internals. */
    /**
     * How loud a failed answer is in the log when the failure is told to the client in a stream or
     * socket rather than as an HTTP status: a client's own mistake (an unknown dataset, an ended
     * session) at DEBUG, as the HTTP routes answer them without a line; trouble on our side or Gaia's at WARN.
     */
    public static Logger.Level logLevel(ApiException failure) {
        return failure.status() < 500 ? Logger.Level.DEBUG : Logger.Level.WARN;
    }

    public static ApiException asApiException(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof GaiaException gaia) {
            return fromGaia(gaia);
        }
        if (failure instanceof SessionStoreUnavailableException) {
            return new ApiException(ErrorCode.SESSION_STORE_UNAVAILABLE, 503,
                    "Sessions cannot be checked right now; try again shortly", Map.of("Retry-After", "5"), null);
        }
        return new ApiException(ErrorCode.INTERNAL_ERROR, "Unexpected error; it has been logged");
    }

    /**
     * Gaia's failures as the user sees them: "Gaia says no" keeps Gaia's status where it means
     * something to the caller, "Gaia is broken/down/slow" becomes 502/503/504.
     */
    public static ApiException fromGaia(GaiaException e) {
        String said = e.gaiaMessage();
        return switch (e.kind()) {
            case UNREACHABLE -> new ApiException(ErrorCode.GAIA_UNAVAILABLE, said);
            case TIMEOUT -> new ApiException(ErrorCode.GAIA_TIMEOUT, said);
            case TLS -> new ApiException(ErrorCode.GAIA_TLS_ERROR, said);
            case BAD_RESPONSE -> new ApiException(ErrorCode.GAIA_BAD_RESPONSE, said);
            case FAILED_WHILE_ANSWERING -> new ApiException(ErrorCode.GAIA_ERROR,
                    said.equals(e.getMessage()) ? said : e.getMessage() + ": " + said);
            case STATUS -> fromGaiaStatus(e.status(), said, e.retryAfter().orElse(null));
            case CIRCUIT_OPEN -> new ApiException(ErrorCode.GAIA_UNAVAILABLE, 503, said, retryAfter(e), null);
            case BUSY -> new ApiException(ErrorCode.GAIA_BUSY, 503, said, retryAfter(e), null);
        };
    }

    private static Map<String, String> retryAfter(GaiaException e) {
        return e.retryAfter().map(seconds -> Map.of("Retry-After", seconds)).orElse(Map.of());
    }

    private static ApiException fromGaiaStatus(int status, String said, String retryAfter) {
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter);
        // Without a message of Gaia's, "said" is only the status, which these details already name.
        String gaiaAdds = said.equals(GaiaResponseExceptionMapper.messageOf(status, null)) ? "" : ": " + said;
        return switch (status) {
            case 401 -> new ApiException(ErrorCode.SESSION_INVALID, 401,
                    "Gaia no longer accepts this session's API key (" + said + "); log in again", headers, null);
            case 403 -> new ApiException(ErrorCode.GAIA_FORBIDDEN, 403,
                    "The API key lacks the Gaia privilege for this (" + said + ")", headers, null);
            case 404 -> new ApiException(ErrorCode.NOT_FOUND, 404, said, headers, null);
            case 429 -> new ApiException(ErrorCode.RATE_LIMITED, 429,
                    "Gaia is rate limiting this key: " + said, headers, null);
            case 400, 409, 413, 422 -> new ApiException(ErrorCode.GAIA_REJECTED_REQUEST, status,
                    "Gaia rejected the request: " + said, headers, null);
            case 502, 503, 504 -> new ApiException(ErrorCode.GAIA_UNAVAILABLE, 502,
                    "Gaia is unavailable (HTTP " + status + ")" + gaiaAdds, headers, null);
            default -> new ApiException(ErrorCode.GAIA_ERROR, 502,
                    "Gaia failed (HTTP " + status + ")" + gaiaAdds, headers, null);
        };
    }
}
