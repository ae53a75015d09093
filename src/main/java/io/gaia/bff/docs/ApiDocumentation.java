package io.gaia.bff.docs;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import io.gaia.bff.problem.Problem;

/**
 * The API's description and the error responses every route shares, so each route can refer to them
 * by name instead of repeating them.
 */
@OpenAPIDefinition(
        info = @Info(title = "Gaia BFF API", version = "1",
                description = "Backend-for-frontend for Cohesity Gaia. Log in once with a Gaia API key; send the "
                        + "returned session id as X-Session-ID. Every error is an RFC 9457 problem "
                        + "(application/problem+json) with a human `detail` and a stable `code`."),
        components = @Components(responses = {
                @APIResponse(name = "BadRequest", responseCode = "400",
                        description = "Invalid request (VALIDATION_FAILED, MALFORMED_JSON), or Gaia refused it as invalid "
                                + "(GAIA_REJECTED_REQUEST, with Gaia's message)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unauthorized", responseCode = "401",
                        description = "No valid session (SESSION_REQUIRED, SESSION_INVALID, SESSION_EXPIRED): log in again",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "InvalidApiKey", responseCode = "401",
                        description = "Gaia refused the API key (INVALID_API_KEY)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Forbidden", responseCode = "403",
                        description = "The key lacks the Gaia privilege (GAIA_FORBIDDEN)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "NotFound", responseCode = "404", description = "Unknown dataset or resource (NOT_FOUND)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "NotAcceptable", responseCode = "406",
                        description = "The Accept header leaves out application/json, what the route answers (NOT_ACCEPTABLE); "
                                + "send Accept: application/json or no Accept header",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "PayloadTooLarge", responseCode = "413",
                        description = "The request body is over 1 MB (PAYLOAD_TOO_LARGE), or Gaia refused the request as too "
                                + "large (GAIA_REJECTED_REQUEST, with Gaia's message)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "GaiaRejected", responseCode = "422",
                        description = "Gaia refused the request (GAIA_REJECTED_REQUEST): Gaia's 409 or 422 and its message are kept",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "UnsupportedMediaType", responseCode = "415", description = "The request has a body that is not application/json (UNSUPPORTED_MEDIA_TYPE)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "RateLimited", responseCode = "429",
                        description = "Too many requests (RATE_LIMITED): this service's own limit on login attempts per client "
                                + "address or asks per session, or Gaia rate limiting the key; the detail says which. "
                                + "At login, TOO_MANY_SESSIONS_FOR_KEY when the key holds SESSION_MAX_PER_KEY sessions. Honour Retry-After",
                        headers = @Header(name = ApiDocumentation.RETRY_AFTER, ref = ApiDocumentation.RETRY_AFTER),
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "GaiaFailed", responseCode = "502",
                        description = "Gaia failed or answered nonsense (GAIA_ERROR, GAIA_UNAVAILABLE, GAIA_BAD_RESPONSE, GAIA_TLS_ERROR)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unavailable", responseCode = "503",
                        description = "Try again later, honouring Retry-After when it is sent: Gaia cannot be reached (GAIA_UNAVAILABLE) "
                                + "or is at this service's limit of concurrent calls or of Gaia's answers held in memory (GAIA_BUSY), "
                                + "sessions cannot be checked "
                                + "(SESSION_STORE_UNAVAILABLE), the service holds its maximum of sessions (TOO_MANY_SESSIONS, at login) "
                                + "or of open streams (TOO_MANY_STREAMS), or this replica is shutting down (SHUTTING_DOWN)",
                        headers = @Header(name = ApiDocumentation.RETRY_AFTER, ref = ApiDocumentation.RETRY_AFTER),
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "GaiaTimeout", responseCode = "504", description = "Gaia did not answer in time (GAIA_TIMEOUT)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
        }, headers = @Header(name = ApiDocumentation.RETRY_AFTER,
                description = "When to try again: seconds, or the HTTP date Gaia sent with its own refusal",
                schema = @Schema(type = SchemaType.STRING, example = "5"))))
@SecurityScheme(securitySchemeName = ApiDocumentation.SESSION, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = "X-Session-ID",
        description = "The session_id returned by POST /api/v1/login")
public class ApiDocumentation extends Application {

    public static final String SESSION = "session";
    public static final String RETRY_AFTER = "Retry-After";
}
