package io.gaia.bff.problem;

import java.util.Collection;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * How a Jackson mapping error is told to a client, the same over HTTP and the WebSocket: the path
 * of the field that was wrong, and what kind of value was expected. Never the offending value.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * The refusal of a body record that checks a combination of fields itself ({@link TwoSpellings}),
     * which Jackson wraps; null when the failure is Jackson's own.
     */
    public static ApiException refusal(JsonProcessingException e) {
        return e instanceof ValueInstantiationException && e.getCause() instanceof ApiException refused ? refused : null;
    }

    /**
     * The parse error under a mapping error, or null when there is none: the body stopped being JSON.
     * Jackson reads a field's value while it binds the field, so a raw control character or invalid
     * UTF-8 inside a string fails as an error of that field, which would tell the client the field had
     * the wrong type. A value Jackson could parse but not convert (a number out of range) is not one.
     */
    public static JsonParseException parseErrorIn(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException parse) {
                return parse;
            }
        }
        return null;
    }

    /** The path of the failing field ("datasetNames[2]"), or "" when the whole document was wrong. */
    public static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /**
     * For a body that is a list where an object belongs, what it got and the likeliest cause; "" otherwise.
     * A browser app that sends an object without JSON.stringify sends "[object Object]", which is not
     * JSON at all, but Jackson refuses the opening bracket before it reads further.
     */
    public static String listHint(JsonProcessingException e) {
        String jacksonSays = e.getOriginalMessage();
        return jacksonSays != null && jacksonSays.contains("from Array value")
                ? ", not a list (a body of [object Object] is a JavaScript object sent without JSON.stringify)"
                : "";
    }

    /** "a list", "a string", "a number" or "an object": the expected type in a user's words. */
    public static String describe(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }
}
