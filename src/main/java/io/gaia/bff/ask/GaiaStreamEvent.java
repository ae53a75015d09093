package io.gaia.bff.ask;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The data of an event Gaia streams, for the API document only: the service relays Gaia's events
 * unchanged, so every field is optional and Gaia may send more.
 */
@Schema(name = "GaiaStreamEvent", additionalProperties = Schema.True.class,
        description = "The data of a relayed event of Gaia's (askStream): the new text in responseString, or, in Gaia's last "
                + "event, queryUid, conversationId and the cited documents. Live tenants wrap the object as {\"data\": {...}}: "
                + "read data.data ?? data")
record GaiaStreamEvent(
        @Schema(description = "The new text only: append it") String responseString,
        String queryUid,
        String conversationId,
        List<GaiaDocument> documents,
        String finishReason,
        @Schema(description = "The same object, as live tenants wrap it") GaiaStreamEvent data) {
}
