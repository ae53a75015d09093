package io.gaia.bff.live;

import java.nio.charset.StandardCharsets;

import io.gaia.bff.problem.ApiException;
import io.quarkus.websockets.next.CloseReason;

/**
 * Close frames that tell the client why: "CODE: detail", so a browser that only sees the close event
 * (CloseEvent.reason) still learns the same code the error message carried.
 */
final class CloseReasons {

    /** RFC 6455 1001: the service is going away (shutting down); another instance or a retry will do. */
    static final int GOING_AWAY = 1001;
    /** RFC 6455 1008: the client broke the endpoint's rules (no or bad auth, session over). */
    static final int POLICY_VIOLATION = 1008;
    /** RFC 6455 1009: a message too big to process. */
    static final int MESSAGE_TOO_BIG = 1009;
    /** A close frame's payload is at most 125 bytes, two of which hold the code. */
    static final int MAX_REASON_BYTES = 123;

    private CloseReasons() {
    }

    static CloseReason of(ApiException problem) {
        int code = switch (problem.code()) {
            case PAYLOAD_TOO_LARGE -> MESSAGE_TOO_BIG;
            case SHUTTING_DOWN -> GOING_AWAY;
            default -> POLICY_VIOLATION;
        };
        return new CloseReason(code, truncate(problem.code().name() + ": " + problem.getMessage()));
    }

    /** Cut to the byte limit without splitting a character. */
    static String truncate(String reason) {
        // A character is at least one byte, so no more than MAX_REASON_BYTES characters can fit.
        int end = Math.min(reason.length(), MAX_REASON_BYTES);
        while (end > 0 && (Character.isHighSurrogate(reason.charAt(end - 1))
                || reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES)) {
            end--;
        }
        return reason.substring(0, end);
    }
}
