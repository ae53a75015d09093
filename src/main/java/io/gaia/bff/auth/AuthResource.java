package io.gaia.bff.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gaia.bff.abuse.LoginAttempt;
import io.gaia.bff.docs.ApiDocumentation;
import io.gaia.bff.session.CurrentSession;
import io.gaia.bff.session.Session;
import io.gaia.bff.session.ReportsOnly;
import io.gaia.bff.session.SessionRequired;
import io.gaia.bff.session.SessionService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Tag(name = "Session", description = "Log in with a Gaia API key; use the session id it returns")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final LoginService login;
    private final SessionService sessions;
    private final CurrentSession current;

    public AuthResource(LoginService login, SessionService sessions, CurrentSession current) {
        this.login = login;
        this.sessions = sessions;
        this.current = current;
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @LoginAttempt
    @Operation(operationId = "login", summary = "Log in", description = "Validates the key against Gaia and opens a session. The key stays on the server.")
    @APIResponse(responseCode = "200", description = "Logged in")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "InvalidApiKey")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "GaiaFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @APIResponse(responseCode = "504", ref = "GaiaTimeout")
    public Uni<LoginResponse> login(@Valid @NotNull(message = "a JSON body with api_key is required") LoginRequest body) {
        return login.login(body.apiKey())
                .map(session -> new LoginResponse(session.id(), session.secondsLeftAt(sessions.now())));
    }

    @POST
    @Path("/logout")
    @SessionRequired
    @Operation(operationId = "logout", summary = "Log out", description = "Ends exactly this session; other sessions with the same key stay.")
    @SecurityRequirement(name = ApiDocumentation.SESSION)
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<RestResponse<Void>> logout() {
        return sessions.logout(current.get()).map(ignored -> RestResponse.noContent());
    }

    @GET
    @Path("/session")
    @SessionRequired
    @ReportsOnly
    @Operation(operationId = "getSession", summary = "Describe the session", description = "Reports when the session ends: after SESSION_IDLE_SECONDS "
            + "without requests, and at the latest SESSION_TTL_SECONDS after login. Asking does not count as activity.")
    @SecurityRequirement(name = ApiDocumentation.SESSION)
    @APIResponse(responseCode = "200", description = "The session is live")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public SessionInfo session() {
        return SessionInfo.of(current.get(), sessions.now());
    }
}
