package io.gaia.bff.gaia;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Anything that went wrong talking to Gaia, typed so a user can tell "bad key" from "Gaia down"
 * from "Gaia slow". What Gaia itself said is kept apart from the exception message: frameworks log
 * exceptions (Quarkus's REST client does at DEBUG) before this service can scrub them, and Gaia's
 * text may quote the request. {@link #getMessage()} is always this service's own words.
 */
public final class GaiaException extends RuntimeException {

    public enum Kind {
        /** Gaia answered with an HTTP error status. */
        STATUS,
        /** Gaia could not be reached (connection refused, unknown host, ...). */
        UNREACHABLE,
        /** Gaia did not answer in time. */
        TIMEOUT,
        /** Gaia's TLS certificate was not accepted. */
        TLS,
        /** Gaia answered something this service cannot read, or broke the connection mid-answer. */
        BAD_RESPONSE,
        /** Gaia's answer stream carried an error event: Gaia gave up on the answer it had started. */
        FAILED_WHILE_ANSWERING,
        /** Not attempted: the circuit breaker is open after recent failures; {@link #retryAfter()} says for how long. */
        CIRCUIT_OPEN,
        /**
         * Refused by this service: as many Gaia calls in flight as GAIA_MAX_CONCURRENT_CALLS allows (not
         * attempted), or an answer the replica's {@link AnswerMemory} has no room for (not read further).
         */
        BUSY
    }

    private static final int MAX_MESSAGE_LENGTH = 500;

    private final Kind kind;
    private final int status;
    private final String gaiaMessage;
    private final String retryAfter;

    private GaiaException(Kind kind, int status, String message, String gaiaMessage, String retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.gaiaMessage = gaiaMessage;
        this.retryAfter = retryAfter;
    }

    /** {@code retryAfter} is Gaia's header as sent; kept only if it is what the header may hold. */
    public static GaiaException status(int status, String gaiaMessage, String retryAfter) {
        return new GaiaException(Kind.STATUS, status, "Gaia answered HTTP " + status, gaiaMessage,
                validRetryAfter(retryAfter), null);
    }

    /**
     * Gaia's Retry-After goes on to the browser as it is, so it must be a Retry-After: seconds or an
     * HTTP date (RFC 9110), never arbitrary text from upstream.
     */
    private static String validRetryAfter(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.matches("[0-9]{1,9}")) {
            return trimmed;
        }
        try {
            DateTimeFormatter.RFC_1123_DATE_TIME.parse(trimmed);
            return trimmed;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** Gaia's error event in the middle of a streamed answer, with Gaia's message if it had one. */
    static GaiaException failedWhileAnswering(String gaiaMessage) {
        return new GaiaException(Kind.FAILED_WHILE_ANSWERING, 0, "Gaia failed while answering", gaiaMessage, null, null);
    }

    public static GaiaException of(Kind kind, String message, Throwable cause) {
        return new GaiaException(kind, 0, message, null, null, cause);
    }

    /** A call this service refused to make ({@link Kind#CIRCUIT_OPEN}, {@link Kind#BUSY}), with a Retry-After in seconds. */
    static GaiaException refused(Kind kind, String message, long retryAfterSeconds) {
        return new GaiaException(kind, 0, message, null, String.valueOf(retryAfterSeconds), null);
    }

    public Kind kind() {
        return kind;
    }

    /** Gaia's HTTP status for {@link Kind#STATUS}, else 0. */
    public int status() {
        return status;
    }

    /**
     * What Gaia said about the failure if anything (shortened to a readable length), else this
     * service's description of it. Shortened here, when shown, so that {@link #redact} always sees
     * the whole text: a key cut in half by shortening would no longer match and half of it would show.
     */
    public String gaiaMessage() {
        if (gaiaMessage == null) {
            return getMessage();
        }
        return gaiaMessage.length() <= MAX_MESSAGE_LENGTH ? gaiaMessage : gaiaMessage.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }

    public Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The same failure with every occurrence of the secret blanked out of what Gaia said. */
    GaiaException redact(String secret) {
        if (secret == null || secret.isEmpty() || gaiaMessage == null || !gaiaMessage.contains(secret)) {
            return this;
        }
        return new GaiaException(kind, status, getMessage(), gaiaMessage.replace(secret, "[redacted]"), retryAfter,
                getCause());
    }
}
