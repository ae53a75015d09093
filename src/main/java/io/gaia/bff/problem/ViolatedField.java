package io.gaia.bff.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a Bean Validation violation names its field to a client, the same over HTTP and the WebSocket
 * (an ask is held to AskRequest's constraints on both), as {@link JsonErrors} does for Jackson's errors.
 */
public final class ViolatedField {

    private ViolatedField() {
    }

    /**
     * The violated field as the client spelled it: a body field as in JSON (api_key, not apiKey), with
     * its index in a list (datasetNames[1]); the path or query parameter (name, prefix) when the
     * parameter itself is invalid; {@code whole} (body, message) when nothing narrower was violated.
     */
    public static String of(ConstraintViolation<?> violation, String whole) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        Object leaf = violation.getLeafBean();
        for (Path.Node node : violation.getPropertyPath()) {
            // Skip the method and parameter names Bean Validation puts first: within a body the client knows only its fields.
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CROSS_PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(jsonName(leaf, node.getName()));
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        if (field.isEmpty()) {
            // Resource parameters carry the names the client uses.
            return parameter != null ? parameter : whole;
        }
        return field.toString();
    }

    private static String jsonName(Object bean, String property) {
        if (bean == null) {
            return property;
        }
        try {
            JsonProperty json = bean.getClass().getDeclaredField(property).getAnnotation(JsonProperty.class);
            return json != null && !json.value().isEmpty() ? json.value() : property;
        } catch (NoSuchFieldException e) {
            return property;
        }
    }
}
