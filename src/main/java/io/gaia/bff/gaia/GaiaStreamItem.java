package io.gaia.bff.gaia;

import com.fasterxml.jackson.databind.JsonNode;

/** What Gaia's answer stream delivers: first that Gaia accepted the question, then its events. */
public sealed interface GaiaStreamItem {

    /** Gaia answered 200: the stream is open, though its first event may be seconds away. */
    record Accepted() implements GaiaStreamItem {
    }

    /**
     * One server-sent event of the answer, with its data read as a JSON object ({@code payload},
     * unwrapped from live tenants' {@code {"data": ...}}). Comment lines, and events whose data is not
     * a JSON object, never become events.
     */
    record Event(GaiaEvent event, JsonNode payload) implements GaiaStreamItem {
    }
}
