package io.gaia.bff.live;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.gaia.bff.ask.OpenStreams;
import io.gaia.bff.gaia.GaiaEvent;
import io.gaia.bff.gaia.GaiaPayload;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One answer streamed over a socket: Gaia's events read as increments and a final summary, the
 * stream slot it holds and the upstream call to cancel. Not thread-safe on its own: its
 * {@link LiveConnection} calls it only while holding its own lock.
 */
final class LiveAsk {

    private static final Logger LOG = Logger.getLogger(LiveAsk.class);

    private final String id;
    private OpenStreams.Slot slot;
    private Cancellable upstream;
    private boolean released;
    private JsonNode summary;

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

    /** The subscription to Gaia; if the ask already ended while subscribing, it is cancelled at once. */
    void attach(Cancellable subscription) {
        if (released) {
            subscription.cancel();
        } else {
            upstream = subscription;
        }
    }

    /**
     * The increment an event carries, or null if it carries none. Gaia's last event (queryUid,
     * conversationId, documents) is kept for {@link #done()} instead.
     */
    String read(GaiaEvent event, ObjectMapper json) {
        JsonNode payload;
        try {
            payload = GaiaPayload.unwrap(json.readTree(event.data()));
        } catch (Exception notJson) {
            // Gaia sends JSON in every event it documents; anything else has no text for the user.
            LOG.debugf("Ignored a non-JSON event from Gaia (event name %s)", event.name());
            return null;
        }
        if (payload.has("queryUid") || payload.has("documents")) {
            summary = payload;
            return null;
        }
        JsonNode text = payload.path("responseString");
        return text.isTextual() && !text.asText().isEmpty() ? text.asText() : null;
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
