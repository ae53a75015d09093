package io.gaia.bff.gaia;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An incremental parser for text/event-stream (the WHATWG rules): fed raw chunks as they arrive, it
 * returns the events each chunk completes. Lines are split on bytes, so a multi-byte character cut
 * across two chunks still decodes. Comments (lines starting with ':') are dropped. Unlike a browser,
 * {@link #finish()} dispatches an event left pending when the stream ends, because Gaia ends its
 * last event without the blank line. One instance per stream; not thread-safe.
 *
 * <p>What it holds is bounded by {@link GaiaLimits#MAX_EVENT_BYTES}: a line, and the data of an
 * event, longer than that fail the stream (a {@link GaiaException} of kind BAD_RESPONSE from
 * {@link #feed}) instead of being buffered for as long as Gaia keeps sending.
 */
public final class SseParser {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    /** Bytes of the data lines of the event being read (their values, UTF-8). */
    private long dataBytes;
    private boolean skipNextLf;
    private boolean firstLine = true;

    private String eventName;
    private String lastId;
    private StringBuilder data;

    /** @throws GaiaException (BAD_RESPONSE) when a line or an event's data passes the limit */
    public List<GaiaEvent> feed(byte[] chunk) {
        List<GaiaEvent> events = new ArrayList<>(2);
        for (byte b : chunk) {
            if (skipNextLf) {
                skipNextLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                skipNextLf = b == '\r';
                endOfLine(events);
            } else {
                if (line.size() >= GaiaLimits.MAX_EVENT_BYTES) {
                    throw tooLarge();
                }
                line.write(b);
            }
        }
        return events;
    }

    /** Bytes held of the event not yet complete: the line being read and the data lines read so far. */
    public long heldBytes() {
        return line.size() + dataBytes;
    }

    /**
     * Call when the stream has ended: returns the last event if Gaia did not terminate it.
     * @throws GaiaException (BAD_RESPONSE) when that event's data passes the limit
     */
    public List<GaiaEvent> finish() {
        List<GaiaEvent> events = new ArrayList<>(1);
        if (line.size() > 0) {
            endOfLine(events);
        }
        dispatch(events);
        return events;
    }

    private void endOfLine(List<GaiaEvent> events) {
        int lineBytes = line.size();
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (firstLine) {
            firstLine = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        if (text.isEmpty()) {
            dispatch(events);
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                dataBytes += lineBytes; // the value's bytes, its "data:" counted for the joining newline
                if (dataBytes > GaiaLimits.MAX_EVENT_BYTES) {
                    throw tooLarge();
                }
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "event" -> eventName = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            default -> {
                // "retry" and unknown fields mean nothing to a proxy
            }
        }
    }

    private void dispatch(List<GaiaEvent> events) {
        if (data != null) {
            String name = eventName == null || eventName.isEmpty() ? null : eventName;
            events.add(new GaiaEvent(name, data.toString(), lastId));
        }
        data = null;
        dataBytes = 0;
        eventName = null;
    }

    private GaiaException tooLarge() {
        // Nothing more of this stream is read: the caller ends it and closes the connection.
        line.reset();
        data = null;
        return GaiaLimits.eventTooLarge();
    }
}
