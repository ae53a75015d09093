package io.gaia.bff.gaia;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Gaia's streamed event payloads come in two shapes (shared/gaia-api.md): the guide's
 * {@code {"responseString": ...}} and live tenants' {@code {"data": {"responseString": ...}}}.
 */
public final class GaiaPayload {

    private GaiaPayload() {
    }

    /**
     * Whether an (unwrapped) payload is Gaia's final event: the one with the answer's ids and cited
     * documents. Gaia has no other end marker, so an answer without it was cut short.
     */
    public static boolean isFinal(JsonNode payload) {
        return payload.has("queryUid") || payload.has("documents") || payload.has("finishReason");
    }

    /** The payload object itself, whichever shape carried it. */
    public static JsonNode unwrap(JsonNode event) {
        JsonNode inner = event.path("data");
        boolean wrapped = inner.isObject() && !event.has("responseString") && !event.has("queryUid");
        return wrapped ? inner : event;
    }
}
