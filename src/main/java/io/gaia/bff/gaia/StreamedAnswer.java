package io.gaia.bff.gaia;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.gaia.GaiaException.Kind;

/**
 * What the events of one streamed answer mean, the same for every route that relays them: an event
 * whose data is not a JSON object carries nothing for the user and is dropped; Gaia's own
 * {@code error} event means Gaia gave up on the answer; and the answer is complete only once Gaia's
 * final event arrived. Gaia has no other end marker, so a connection that simply closes (an HTTP/1.0
 * style body cut short, an HTML page from a proxy) would otherwise pass for a finished answer.
 * One instance per stream; not thread-safe.
 */
final class StreamedAnswer {

    static final String GAIA_ERROR_EVENT = "error";
    private static final Logger LOG = Logger.getLogger(StreamedAnswer.class);

    private final ObjectMapper json;
    private boolean finalEventSeen;
    private boolean droppedOne;

    StreamedAnswer(ObjectMapper json) {
        this.json = json;
    }

    /** The event to relay, or null to drop it; a GaiaException if Gaia reported a failure. */
    GaiaStreamItem.Event read(GaiaEvent event) {
        if (GAIA_ERROR_EVENT.equals(event.name())) {
            throw GaiaException.failedWhileAnswering(GaiaResponseExceptionMapper.gaiaMessageIn(event.data()));
        }
        JsonNode data;
        try {
            data = json.readTree(event.data());
        } catch (Exception notJson) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            if (!droppedOne) {
                droppedOne = true;
                // The event's name only: its data may be part of the answer, which is the user's.
                LOG.warnf("Dropped an event from Gaia whose data is not a JSON object (event name %s)", event.name());
            }
            return null;
        }
        JsonNode payload = GaiaPayload.unwrap(data);
        finalEventSeen |= GaiaPayload.isFinal(payload);
        return new GaiaStreamItem.Event(event, payload);
    }

    /** At the end of Gaia's body: null if the answer is complete, else why not. */
    GaiaException incompleteness() {
        return finalEventSeen ? null
                : GaiaException.of(Kind.BAD_RESPONSE, "Gaia's answer ended before its final event (the ids and sources)", null);
    }
}
