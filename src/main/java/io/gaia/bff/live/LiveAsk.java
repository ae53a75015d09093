package io.gaia.bff.live;

import java.util.concurrent.Flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.gaia.bff.ask.OpenStreams;
import io.gaia.bff.gaia.GaiaPayload;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One answer streamed over a socket: Gaia's events read as increments and a final summary, the
 * stream slot it holds and the upstream call to cancel. Not thread-safe on its own: its
 * {@link LiveConnection} calls it only while holding its own lock.
 */
final class LiveAsk {

    private final String id;
    private OpenStreams.Slot slot;
    private Cancellable upstream;
    private Flow.Subscription events;
    private boolean released;
    private JsonNode summary;
    private String heldBack;

    LiveAsk(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The stream slot this ask holds until it ends. */
    void hold(OpenStreams.Slot streamSlot) {
        this.slot = streamSlot;
    }

    /** Where the next of Gaia's events is asked for: one at a time, as the socket has room (LiveConnection). */
    void subscribed(Flow.Subscription subscription) {
        this.events = subscription;
    }

    /** Asks for Gaia's next event, unless the ask has ended. */
    void next() {
        if (!released && events != null) {
            events.request(1);
        }
    }

    /** The subscription to Gaia; if the ask already ended while subscribing, it is cancelled at once. */
    void attach(Cancellable subscription) {
        if (released) {
            subscription.cancel();
        } else {
            upstream = subscription;
        }
    }

    /**
     * The increment an event's payload carries, or null if it carries none. Gaia's last event
     * (queryUid, conversationId, documents) is also kept for {@link #done()}.
     * <p>
     * Each delta is encoded on its own, and half of a character outside the Basic Multilingual Plane
     * (most emoji) cannot be: Gaia may split one between two events, so a trailing high surrogate
     * waits for the next increment.
     */
    String read(JsonNode payload) {
        if (GaiaPayload.isFinal(payload)) {
            summary = payload;
        }
        JsonNode increment = payload.path("responseString");
        String text = (heldBack == null ? "" : heldBack) + (increment.isTextual() ? increment.asText() : "");
        heldBack = null;
        if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            heldBack = text.substring(text.length() - 1);
            text = text.substring(0, text.length() - 1);
        }
        return text.isEmpty() ? null : text;
    }

    ServerMessage.Done done() {
        JsonNode last = summary == null ? JsonNodeFactory.instance.objectNode() : summary;
        JsonNode documents = last.path("documents");
        return new ServerMessage.Done(id, textOrNull(last.path("queryUid")), textOrNull(last.path("conversationId")),
                documents.isArray() ? documents : JsonNodeFactory.instance.arrayNode());
    }

    /** Stops the upstream call (closing Gaia's connection) and frees the slot; harmless twice. */
    void release() {
        released = true;
        if (upstream != null) {
            upstream.cancel();
        }
        if (slot != null) {
            slot.close();
        }
    }

    private static String textOrNull(JsonNode value) {
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
