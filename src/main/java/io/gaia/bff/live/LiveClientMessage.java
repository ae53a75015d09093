package io.gaia.bff.live;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import io.gaia.bff.ask.AskRequest;

/**
 * What a client may send on /api/v1/ws, for the API document only: ClientMessageReader reads each
 * message field by field (so that it can name the one that is wrong), and no type of the messages'
 * wire shape exists to describe them otherwise.
 */
@Schema(name = "LiveClientMessage", description = "A message a client sends on /api/v1/ws: auth first, then asks and cancels",
        oneOf = { LiveClientMessage.Auth.class, LiveClientMessage.Ask.class, LiveClientMessage.Cancel.class },
        // Without the mapping, generators take each member's schema name (LiveAuth) as its type.
        discriminatorProperty = "type", discriminatorMapping = {
                @DiscriminatorMapping(value = "auth", schema = LiveClientMessage.Auth.class),
                @DiscriminatorMapping(value = "ask", schema = LiveClientMessage.Ask.class),
                @DiscriminatorMapping(value = "cancel", schema = LiveClientMessage.Cancel.class) })
interface LiveClientMessage {

    @Schema(name = "LiveAuth", requiredProperties = { "type", "sessionId" },
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, constValue = "auth"))
    record Auth(@Schema(description = "The session_id from POST /api/v1/login") String sessionId) implements LiveClientMessage {
    }

    @Schema(name = "LiveAsk", allOf = AskRequest.class, requiredProperties = { "type", "id" },
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, constValue = "ask"))
    record Ask(@Schema(maxLength = ClientMessageReader.MAX_ID_LENGTH,
            description = "Yours, unique among running asks: every message about this ask carries it") String id)
            implements LiveClientMessage {
    }

    @Schema(name = "LiveCancel", requiredProperties = { "type", "id" },
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, constValue = "cancel"))
    record Cancel(@Schema(description = "The running ask to stop") String id) implements LiveClientMessage {
    }
}
