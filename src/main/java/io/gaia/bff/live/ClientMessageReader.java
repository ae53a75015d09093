package io.gaia.bff.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gaia.bff.ask.AskRequest;
import io.gaia.bff.problem.JsonErrors;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.gaia.bff.problem.Problem;
import io.gaia.bff.problem.UnreadFields;
import io.gaia.bff.problem.ViolatedField;

/**
 * Turns a text message into a {@link ClientMessage}, or a {@link RejectedMessage} whose detail names
 * what is wrong. An ask is held to exactly the rules of the HTTP ask (AskRequest's constraints) so a
 * client gets the same answer for the same mistake on either route. Details never quote the values
 * the client sent: any of them could be a session id pasted in the wrong place.
 */
@Singleton
class ClientMessageReader {

    static final int MAX_ID_LENGTH = 128;
    private static final String TYPES = "auth, ask or cancel";

    private final ObjectMapper json;
    private final Validator validator;

    ClientMessageReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    ClientMessage read(String text) {
        JsonNode message = parse(text);
        String id = idOf(message);
        JsonNode type = message.get("type");
        if (type == null || type.isNull()) {
            throw rejected(id, "type", "is required: one of " + TYPES);
        }
        if (!type.isTextual()) {
            throw rejected(id, "type", "must be a string: one of " + TYPES);
        }
        return switch (type.asText()) {
            case "auth" -> auth(message);
            case "ask" -> new ClientMessage.Ask(requireId(id, message), askRequest(id, message));
            case "cancel" -> new ClientMessage.Cancel(requireId(id, message));
            default -> throw rejected(id, "type", "is not a known message type; expected " + TYPES);
        };
    }

    private JsonNode parse(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new RejectedMessage(null, new ApiException(ErrorCode.MALFORMED_JSON, "The message is not valid JSON" + where));
        }
        if (message == null || message.isMissingNode()) {
            throw new RejectedMessage(null, new ApiException(ErrorCode.MALFORMED_JSON, "The message is empty; send a JSON object"));
        }
        if (!message.isObject()) {
            throw new RejectedMessage(null, new ApiException(ErrorCode.VALIDATION_FAILED,
                    "The message must be a JSON object with a \"type\" field"));
        }
        return message;
    }

    /** The message's id if it is usable, so even a rejection can name the ask it is about. */
    private static String idOf(JsonNode message) {
        JsonNode id = message.get("id");
        if (id != null && id.isTextual() && !id.asText().isBlank() && id.asText().length() <= MAX_ID_LENGTH) {
            return id.asText();
        }
        return null;
    }

    private String requireId(String id, JsonNode message) {
        if (id != null) {
            return id;
        }
        JsonNode given = message.get("id");
        if (given == null || given.isNull()) {
            throw rejected(null, "id", "is required: the client's name for this ask, echoed in every reply");
        }
        if (!given.isTextual()) {
            throw rejected(null, "id", "must be a string");
        }
        throw rejected(null, "id", given.asText().isBlank() ? "must not be blank"
                : "must be at most " + MAX_ID_LENGTH + " characters");
    }

    private ClientMessage.Auth auth(JsonNode message) {
        JsonNode sessionId = message.get("sessionId");
        if (sessionId == null || sessionId.isNull() || (sessionId.isTextual() && sessionId.asText().isBlank())) {
            throw new RejectedMessage(null, new ApiException(ErrorCode.SESSION_REQUIRED,
                    "Send the session id from /api/v1/login as sessionId in the auth message"));
        }
        if (!sessionId.isTextual()) {
            throw rejected(null, "sessionId", "must be a string");
        }
        return new ClientMessage.Auth(sessionId.asText());
    }

    private AskRequest askRequest(String id, JsonNode message) {
        ObjectNode body = ((ObjectNode) message).deepCopy();
        body.remove("type");
        body.remove("id");
        AskRequest request;
        UnreadFields.Seen unread = new UnreadFields.Seen();
        try {
            request = json.reader().withAttribute(UnreadFields.Seen.class, unread).treeToValue(body, AskRequest.class);
        } catch (JsonProcessingException e) {
            ApiException refused = JsonErrors.refusal(e);
            throw refused != null ? new RejectedMessage(id, refused) : wrongType(id, e);
        } catch (IllegalArgumentException e) {
            throw new RejectedMessage(id, new ApiException(ErrorCode.VALIDATION_FAILED, "The ask has the wrong shape"));
        }
        Set<ConstraintViolation<AskRequest>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return request;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<AskRequest> violation : violations) {
            errors.add(new Problem.FieldError(ViolatedField.of(violation, "message"), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        throw invalid(id, errors, unread.note("message"));
    }

    private static RejectedMessage wrongType(String id, JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? JsonErrors.fieldOf(mapping) : "";
        Class<?> expected = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String message = "has the wrong type" + (expected == null ? "" : ": expected " + JsonErrors.describe(expected));
        if (field.isEmpty()) {
            return new RejectedMessage(id, new ApiException(ErrorCode.VALIDATION_FAILED, "The ask " + message));
        }
        return rejected(id, field, message);
    }

    private static RejectedMessage rejected(String id, String field, String message) {
        return invalid(id, List.of(new Problem.FieldError(field, message)), "");
    }

    private static RejectedMessage invalid(String id, List<Problem.FieldError> errors, String note) {
        String detail = errors.stream().map(err -> "Field '" + err.field() + "' " + err.message())
                .reduce((a, b) -> a + "; " + b).orElse("The message is invalid") + note;
        return new RejectedMessage(id, new ApiException(ErrorCode.VALIDATION_FAILED, 400, detail, Map.of(), errors));
    }
}
