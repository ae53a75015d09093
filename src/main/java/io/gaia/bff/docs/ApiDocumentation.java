package io.gaia.bff.docs;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
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
                        description = "Invalid request (VALIDATION_FAILED, MALFORMED_JSON), or Gaia rejected it (GAIA_REJECTED_REQUEST)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unauthorized", responseCode = "401",
                        description = "No valid session (SESSION_REQUIRED, SESSION_INVALID, SESSION_EXPIRED)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Forbidden", responseCode = "403",
                        description = "The key lacks the Gaia privilege (GAIA_FORBIDDEN)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "NotFound", responseCode = "404", description = "Unknown dataset or resource (NOT_FOUND)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "UnsupportedMediaType", responseCode = "415", description = "The request has a body that is not application/json (UNSUPPORTED_MEDIA_TYPE)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "RateLimited", responseCode = "429",
                        description = "Too many requests (RATE_LIMITED): this service's own limit on login attempts per client "
                                + "address or asks per session, or Gaia rate limiting the key; the detail says which. Honour Retry-After",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "GaiaFailed", responseCode = "502",
                        description = "Gaia failed or answered nonsense (GAIA_ERROR, GAIA_UNAVAILABLE, GAIA_BAD_RESPONSE, GAIA_TLS_ERROR)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "GaiaUnreachable", responseCode = "503", description = "Gaia cannot be reached (GAIA_UNAVAILABLE)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "GaiaTimeout", responseCode = "504", description = "Gaia did not answer in time (GAIA_TIMEOUT)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
        }))
@SecurityScheme(securitySchemeName = ApiDocumentation.SESSION, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = "X-Session-ID",
        description = "The session_id returned by POST /api/v1/login")
public class ApiDocumentation extends Application {

    public static final String SESSION = "session";
}
