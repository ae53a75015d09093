package io.gaia.bff.live;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

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
sealed interface ServerMessage {

    @JsonProperty("type")
    String type();

    /** The socket is authenticated: asks may be sent. The socket closes when the session expires. */
    record Ready(String expiresAt) implements ServerMessage {
        @Override
        public String type() {
            return "ready";
        }
    }

    /** The next piece of an answer (Gaia's increment, not the running total). */
    record Delta(String id, String text) implements ServerMessage {
        @Override
        public String type() {
            return "delta";
        }
    }

    /** The answer is complete. {@code documents} are Gaia's, unchanged (citations and all). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "type", "id", "queryUid", "conversationId", "documents" })
    record Done(String id, String queryUid, String conversationId, JsonNode documents) implements ServerMessage {
        @Override
        public String type() {
            return "done";
        }
    }

    /** The ask with this id was cancelled by the client; nothing more comes for it. */
    record Cancelled(String id) implements ServerMessage {
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
    record Error(String id, String code, String detail, List<Problem.FieldError> errors, String retryAfter)
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
