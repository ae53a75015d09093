package io.gaia.bff.admin;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestQuery;

import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.gaia.bff.problem.Problem;
import io.gaia.bff.session.SessionService;
import io.smallrye.mutiny.Uni;

/**
 * Operator actions on sessions, for when a key leaks or every session must end at once. Lives outside
 * /api/v1 and outside the published OpenAPI document (mp.openapi.scan.exclude): browsers never call
 * it, and CORS does not allow DELETE anyway.
 */
@Path(AdminGuard.ROOT + "/sessions")
@Produces(MediaType.APPLICATION_JSON)
@OperatorOnly
public class AdminResource {

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{24}");
    private static final String KEY_ID_MESSAGE = "must be a key id: the first 24 lowercase hex characters of "
            + "the key's SHA-256 (printf %s \"$KEY\" | sha256sum | cut -c1-24)";

    private final SessionService sessions;

    public AdminResource(SessionService sessions) {
        this.sessions = sessions;
    }

    /**
     * Without {@code key}: ends every session. With {@code key}: ends every session of the API key
     * whose key id that is (the first 24 hex characters of the key's SHA-256, as in the session
     * logs: {@code printf %s "$KEY" | sha256sum | cut -c1-24}). An empty or malformed key is refused
     * rather than read as "all", so a script with an unset variable cannot end everyone's sessions.
     */
    @DELETE
    public Uni<Revoked> revoke(@RestQuery String key, UriInfo uri) {
        for (String name : uri.getQueryParameters().keySet()) {
            if (!name.equals("key")) {
                // A misspelt ?key= would otherwise read as "revoke all".
                throw new ApiException(ErrorCode.VALIDATION_FAILED, 400, "Unknown parameter; only key is understood",
                        Map.of(), List.of(new Problem.FieldError(name, "unknown parameter")));
            }
        }
        if (key == null && !uri.getQueryParameters().containsKey("key")) {
            return sessions.revokeAll().map(Revoked::new);
        }
        // Checked here rather than with @Pattern: "?key=" arrives as null, and must not widen to all.
        if (key == null || !KEY_ID.matcher(key).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, 400, "key " + KEY_ID_MESSAGE, Map.of(),
                    List.of(new Problem.FieldError("key", KEY_ID_MESSAGE)));
        }
        return sessions.revokeKey(key).map(Revoked::new);
    }
}
