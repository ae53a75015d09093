package io.gaia.bff.live;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import io.gaia.bff.ask.GaiaDocument;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the service sends on /api/v1/ws, one JSON text message each. {@code type} comes first so a
 * client can branch on it before reading the rest; absent fields are left out rather than null.
 *
 * <p>Written by hand ({@link LiveConnection} calls the ObjectMapper itself), so Quarkus cannot see
 * these types are JSON: they are registered for reflection here, nested records included, or Jackson
 * in a native binary would find no properties to write (deploy/NativeReflectionIT checks it).
 */
@RegisterForReflection(ignoreNested = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "id" })
@Schema(name = "LiveServerMessage", description = "A message the service sends on /api/v1/ws; branch on type",
        oneOf = { ServerMessage.Ready.class, ServerMessage.Delta.class, ServerMessage.Done.class, ServerMessage.Cancelled.class,
                ServerMessage.Error.class },
        // Without the mapping, generators take each member's schema name (LiveReady) as its type.
        discriminatorProperty = "type", discriminatorMapping = {
                @DiscriminatorMapping(value = "ready", schema = ServerMessage.Ready.class),
                @DiscriminatorMapping(value = "delta", schema = ServerMessage.Delta.class),
                @DiscriminatorMapping(value = "done", schema = ServerMessage.Done.class),
                @DiscriminatorMapping(value = "cancelled", schema = ServerMessage.Cancelled.class),
                @DiscriminatorMapping(value = "error", schema = ServerMessage.Error.class) })
sealed interface ServerMessage {

    @JsonProperty("type")
    String type();

    /** The socket is authenticated: asks may be sent. The socket closes when the session expires. */
    @Schema(name = "LiveReady", requiredProperties = { "type", "expiresAt" },
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, constValue = "ready"))
    record Ready(@Schema(format = "date-time", description = "When the session ends if nothing else ends it first") String expiresAt)
            implements ServerMessage {
        @Override
        public String type() {
            return "ready";
        }
    }

    /** The next piece of an answer (Gaia's increment, not the running total). */
    @Schema(name = "LiveDelta", requiredProperties = { "type", "id", "text" },
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, constValue = "delta"))
    record Delta(@Schema(description = "The ask's id") String id, @Schema(description = "The new text only: append it") String text)
            implements ServerMessage {
        @Override
        public String type() {
            return "delta";
        }
    }

    /** The answer is complete. {@code documents} are Gaia's, unchanged (citations and all). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "type", "id", "queryUid", "conversationId", "documents" })
    @Schema(name = "LiveDone", requiredProperties = { "type", "id", "queryUid", "conversationId", "documents" },
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, constValue = "done"))
    record Done(@Schema(description = "The ask's id") String id,
            @Schema(nullable = true, description = "Gaia's id of this question; null when Gaia sent none") String queryUid,
            @Schema(nullable = true, description = "Send back as conversationId to ask a follow-up; null when Gaia sent none")
            String conversationId,
            @Schema(description = "Cited documents exactly as Gaia sent them", type = SchemaType.ARRAY,
                    implementation = GaiaDocument.class)
            JsonNode documents) implements ServerMessage {
        @Override
        public String type() {
            return "done";
        }
    }

    /** The ask with this id was cancelled by the client; nothing more comes for it. */
    @Schema(name = "LiveCancelled", requiredProperties = { "type", "id" },
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, constValue = "cancelled"))
    record Cancelled(@Schema(description = "The ask's id") String id) implements ServerMessage {
        @Override
        public String type() {
            return "cancelled";
        }
    }

    /**
     * A failure, in the problem body's terms. With an {@code id} it is about that ask or message;
     * without, about the socket. {@code errors} lists per-field problems of an invalid message;
     * {@code retryAfter} is the Retry-After the HTTP route would have sent (seconds, or Gaia's value).
     */
    @JsonPropertyOrder({ "type", "id", "code", "detail", "errors", "retryAfter" })
    @Schema(name = "LiveError", requiredProperties = { "type", "code", "detail" },
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, constValue = "error"))
    record Error(@Schema(description = "The ask or message this is about; absent when it is about the socket") String id,
            @Schema(ref = "ErrorCode") String code,
            @Schema(description = "What went wrong, for people") String detail,
            @Schema(description = "Per-field problems of an invalid message") List<Problem.FieldError> errors,
            @Schema(description = "When to try again: seconds, or the HTTP date Gaia sent") String retryAfter)
            implements ServerMessage {

        static Error of(String id, ApiException problem) {
            return new Error(id, problem.code().name(), problem.getMessage(), problem.errors(),
                    problem.headers().get("Retry-After"));
        }

        @Override
        public String type() {
            return "error";
        }
    }
}
