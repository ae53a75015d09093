package io.gaia.bff.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.gaia.bff.gaia.GaiaException;
import io.gaia.bff.live.LiveSocket;
import io.gaia.bff.session.CurrentSession;
import io.gaia.bff.session.SessionService;
import io.gaia.bff.session.SessionStoreUnavailableException;
import io.smallrye.mutiny.Uni;

/**
 * Every failure leaves as a problem body: never a stack trace, never Jackson's or Gaia's raw text
 * (either may quote what the client sent, and a login body holds an API key).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final SessionService sessions;
    private final CurrentSession current;

    public ProblemMappers(SessionService sessions, CurrentSession current) {
        this.sessions = sessions;
        this.current = current;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> api(ApiException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Uni<RestResponse<Problem>> gaia(GaiaException e, UriInfo uri) {
        LOG.debugf("Gaia call failed: %s (%s)", e.kind(), e.getMessage());
        RestResponse<Problem> answer = respond(Problems.fromGaia(e), uri);
        // Every route's Gaia failure passes here, so this is the one place a session whose key Gaia
        // now rejects is ended (login has no session yet and answers INVALID_API_KEY itself).
        if (e.kind() == GaiaException.Kind.STATUS && e.status() == 401 && current.find().isPresent()) {
            return sessions.endRejectedKey(current.find().get()).onFailure().recoverWithNull().replaceWith(answer);
        }
        return Uni.createFrom().item(answer);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> storeDown(SessionStoreUnavailableException e, UriInfo uri) {
        LOG.warnf("Session store unavailable: %s", e.getMessage());
        return respond(Problems.asApiException(e), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(ViolatedField.of(violation, "body"), violation.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        String detail = errors.stream().map(ProblemMappers::sentence)
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid")
                + UnreadFields.noteFor(CurrentRequestManager.get());
        return respond(new ApiException(ErrorCode.VALIDATION_FAILED, 400, detail, Map.of(), errors), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidOther(ValidationException e, UriInfo uri) {
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadableJson(JsonProcessingException e, UriInfo uri) {
        ApiException refused = JsonErrors.refusal(e);
        if (refused != null) {
            return respond(refused, uri);
        }
        // A body cut short, or one with more after its JSON value, reaches here as a mapping error
        // ("Unexpected end-of-input", "Trailing token"), but to the client it is simply not JSON.
        // So does one that stops being JSON inside a field's value (a raw control character, invalid UTF-8).
        String jacksonSays = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        boolean notOneValue = jacksonSays.contains("end-of-input") || jacksonSays.startsWith("Trailing token");
        JsonParseException notJson = JsonErrors.parseErrorIn(e);
        if (notOneValue || notJson != null || !(e instanceof JsonMappingException mapping)) {
            JsonLocation at = notJson != null ? notJson.getLocation() : e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return respond(new ApiException(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON" + where), uri);
        }
        String field = JsonErrors.fieldOf(mapping);
        Class<?> expected = e instanceof MismatchedInputException mismatch
                ? mismatch.getTargetType()
                : null;
        String detail = field.isEmpty()
                ? "The request body has the wrong shape" + (expected == null ? "" : ": expected " + JsonErrors.describe(expected))
                        + JsonErrors.listHint(e)
                : "Field '" + field + "' has the wrong type" + (expected == null ? "" : ": expected " + JsonErrors.describe(expected));
        List<Problem.FieldError> errors = field.isEmpty() ? null
                : List.of(new Problem.FieldError(field, "wrong type" + (expected == null ? "" : ", expected " + JsonErrors.describe(expected))));
        return respond(new ApiException(ErrorCode.VALIDATION_FAILED, 400, detail, Map.of(), errors), uri);
    }

    /** Named on its own because Quarkus ships a mapper for exactly this type, which would win otherwise. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED;
        };
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String allow = status == 405 ? allowOf(e) : null;
        String detail = switch (status) {
            case 404 -> notFound(uri);
            case 405 -> "Method not allowed on " + uri.getPath() + (allow == null ? "" : " (allowed: " + allow + ")");
            case 406 -> notAcceptable(uri);
            case 413 -> "The request body is too large";
            case 415 -> "Send the request body as application/json";
            default -> "The request is invalid";
        };
        Map<String, String> headers = allow == null ? Map.of() : Map.of(HttpHeaders.ALLOW, allow);
        return respond(new ApiException(code, status, detail, headers, null), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure on %s (reference %s)", uri.getPath(), reference);
        return respond(new ApiException(ErrorCode.INTERNAL_ERROR,
                "Unexpected error; it has been logged with reference " + reference), uri);
    }

    private static RestResponse<Problem> respond(ApiException e, UriInfo uri) {
        RestResponse.ResponseBuilder<Problem> response = RestResponse.ResponseBuilder.<Problem> create(e.status())
                .entity(Problems.of(e, uri.getPath()))
                .type(Problem.MEDIA_TYPE);
        e.headers().forEach(response::header);
        return response.build();
    }

    /** "api_key is required"; a missing body has no field to name, its message is the sentence. */
    private static String sentence(Problem.FieldError error) {
        if (error.field().equals("body")) {
            return Character.toUpperCase(error.message().charAt(0)) + error.message().substring(1);
        }
        return error.field() + " " + error.message();
    }

    /**
     * The router reads datasets//details as datasets/details, so an empty value in a URL template
     * (an empty dataset name) would be reported as a missing route that looks right.
     */
    private static String notFound(UriInfo uri) {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        String sent = request == null ? null : request.serverRequest().getRequestPath();
        if (sent != null && sent.contains("//")) {
            return "No such resource: " + sent + " has an empty segment (//): is a value missing from the URL?";
        }
        if (uri.getPath().equals(LiveSocket.PATH)) {
            // A page load or fetch() of the socket's URL: the route is there, for WebSocket handshakes only.
            return "No such resource: " + LiveSocket.PATH + " answers WebSocket connections only; open it with "
                    + "new WebSocket(\"ws://<host>" + LiveSocket.PATH + "\")";
        }
        return "No such resource: " + uri.getPath();
    }

    /** Names what the route answers: Quarkus REST's own 406 says only that it cannot produce the type asked for. */
    private static String notAcceptable(UriInfo uri) {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        Set<String> produced = MatchingRoutes.producedTypes(request);
        if (produced.isEmpty()) {
            return "This resource cannot produce the requested media type";
        }
        return request.getMethod() + " " + uri.getPath() + " answers " + String.join(" or ", produced)
                + "; send Accept: " + produced.iterator().next() + " or no Accept header";
    }

    /**
     * What the 405 says the path takes: the exception's own Allow where its thrower set one, else the
     * methods routed on the path, since Quarkus REST's router throws its 405 without one.
     */
    private static String allowOf(WebApplicationException e) {
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow != null ? allow : MatchingRoutes.allowedMethods(CurrentRequestManager.get());
    }
}
