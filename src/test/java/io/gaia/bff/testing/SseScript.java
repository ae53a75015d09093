package io.gaia.bff.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted Server-Sent-Events body for {@link FakeGaia.Route#stream(SseScript)}. Each piece is
 * sent as its own HTTP chunk and flushed when reached; pauses are real waits between pieces.
 * How the response ends is chosen with a {@code then...} method (default {@link #thenEnd()}).
 */
public final class SseScript {

    /** How the chunked response finishes after the last piece. */
    public enum Ending {
        /** terminating chunk {@code 0\r\n\r\n}, connection kept alive */
        END,
        /** close the connection (FIN) without the terminating chunk */
        CUT,
        /** send nothing more and keep the connection open until the client leaves or the fake is reset/stopped */
        HANG,
        /** TCP reset (RST) without the terminating chunk */
        RESET
    }

    /** Either bytes to send or a pause. */
    record Piece(byte[] bytes, Duration pause) {
    }

    private final List<Piece> pieces = new ArrayList<>();
    private Ending ending = Ending.END;

    private SseScript() {
    }

    /** An empty script. */
    public static SseScript sse() {
        return new SseScript();
    }

    /** Guide payload shape: one {@code {"responseString": word}} event per word, then the final event. */
    public static SseScript guide(String... words) {
        SseScript s = sse();
        for (String w : words) {
            s.event("{\"responseString\":" + GaiaSamples.quote(w) + "}");
        }
        return s.event(GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID));
    }

    /** Live-tenant payload shape: like {@link #guide} but every object wrapped as {@code {"data": ...}}. */
    public static SseScript live(String... words) {
        SseScript s = sse();
        for (String w : words) {
            s.event("{\"data\":{\"responseString\":" + GaiaSamples.quote(w) + "}}");
        }
        return s.event("{\"data\":" + GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID) + "}");
    }

    /** {@code : text\n\n}, an SSE comment (keep-alive). */
    public SseScript comment(String text) {
        return raw(": " + text + "\n\n");
    }

    /** {@code data: ...\n\n}; a multi-line data string becomes several {@code data:} lines. */
    public SseScript event(String data) {
        return raw(dataLines(data) + "\n");
    }

    /** {@code event: name\ndata: ...\n\n}. */
    public SseScript event(String name, String data) {
        return raw("event: " + name + "\n" + dataLines(data) + "\n");
    }

    /** Exactly these characters (UTF-8), e.g. an event without its blank line. */
    public synchronized SseScript raw(String text) {
        pieces.add(new Piece(text.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    /** Wait this long before the next piece (the client is watched meanwhile). */
    public synchronized SseScript pause(Duration pause) {
        pieces.add(new Piece(null, pause));
        return this;
    }

    public synchronized SseScript thenEnd() {
        ending = Ending.END;
        return this;
    }

    public synchronized SseScript thenCut() {
        ending = Ending.CUT;
        return this;
    }

    public synchronized SseScript thenHang() {
        ending = Ending.HANG;
        return this;
    }

    public synchronized SseScript thenReset() {
        ending = Ending.RESET;
        return this;
    }

    synchronized List<Piece> pieces() {
        return List.copyOf(pieces);
    }

    synchronized Ending ending() {
        return ending;
    }

    private static String dataLines(String data) {
        StringBuilder b = new StringBuilder();
        for (String line : data.split("\n", -1)) {
            b.append("data: ").append(line).append('\n');
        }
        return b.toString();
    }
}
