package io.gaia.bff.gaia;

/** What Gaia's answer stream delivers: first that Gaia accepted the question, then its events. */
public sealed interface GaiaStreamItem {

    /** Gaia answered 200: the stream is open, though its first event may be seconds away. */
    record Accepted() implements GaiaStreamItem {
    }

    /** One server-sent event of the answer. Comment lines from Gaia never become events. */
    record Event(GaiaEvent event) implements GaiaStreamItem {
    }
}
