package io.gaia.bff.gaia;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Gaia's streamed event payloads come in two shapes (shared/gaia-api.md): the guide's
 * {@code {"responseString": ...}} and live tenants' {@code {"data": {"responseString": ...}}}.
 */
public final class GaiaPayload {

    private GaiaPayload() {
    }

    /** The payload object itself, whichever shape carried it. */
    public static JsonNode unwrap(JsonNode event) {
        JsonNode inner = event.path("data");
        boolean wrapped = inner.isObject() && !event.has("responseString") && !event.has("queryUid");
        return wrapped ? inner : event;
    }
}
