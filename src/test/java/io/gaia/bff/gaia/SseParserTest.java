package io.gaia.bff.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<GaiaEvent> parse(String... chunks) {
        SseParser parser = new SseParser();
        List<GaiaEvent> events = new ArrayList<>();
        for (String chunk : chunks) {
            events.addAll(parser.feed(chunk.getBytes(StandardCharsets.UTF_8)));
        }
        events.addAll(parser.finish());
        return events;
    }

    @Test
    void eventsSplitAcrossChunksAreReassembled() {
        List<GaiaEvent> events = parse("da", "ta: {\"responseString\":", "\"Hi\"}\n", "\n", "data: two\n\n");
        assertEquals(List.of(new GaiaEvent(null, "{\"responseString\":\"Hi\"}", null), new GaiaEvent(null, "two", null)), events);
    }

    @Test
    void finalEventWithoutBlankLineIsKept() {
        List<GaiaEvent> events = parse("data: a\n\n", "data: {\"queryUid\":\"q1\",\"documents\":[]}\n");
        assertEquals(2, events.size());
        assertEquals("{\"queryUid\":\"q1\",\"documents\":[]}", events.get(1).data());
    }

    @Test
    void finalEventWithoutAnyTrailingNewlineIsKept() {
        assertEquals(List.of(new GaiaEvent(null, "last", null)), parse("data: last"));
    }

    @Test
    void commentsAreNotEvents() {
        assertEquals(List.of(new GaiaEvent(null, "x", null)), parse(": keep-alive\n\n", ":\n\n", "data: x\n\n"));
    }

    @Test
    void multipleDataLinesAreJoinedWithNewlines() {
        assertEquals("line1\nline2", parse("data: line1\ndata: line2\n\n").get(0).data());
    }

    @Test
    void eventNameAndIdAreKept() {
        assertEquals(new GaiaEvent("done", "{}", "7"), parse("event: done\nid: 7\ndata: {}\n\n").get(0));
    }

    @Test
    void crlfAndCrLineEndingsAreUnderstood() {
        assertEquals(List.of(new GaiaEvent(null, "a", null), new GaiaEvent(null, "b", null)),
                parse("data: a\r\n\r\n", "data: b\r", "\r"));
    }

    @Test
    void crlfSplitBetweenChunksIsOneLineEnd() {
        assertEquals(List.of(new GaiaEvent(null, "a", null), new GaiaEvent(null, "b", null)),
                parse("data: a\r", "\n\r", "\ndata: b\n\n"));
    }

    @Test
    void multiByteCharacterCutBetweenChunksDecodes() {
        byte[] bytes = "data: café ☕\n\n".getBytes(StandardCharsets.UTF_8);
        int cut = bytes.length - 4; // inside the 3-byte ☕
        SseParser parser = new SseParser();
        List<GaiaEvent> events = new ArrayList<>(parser.feed(Arrays.copyOfRange(bytes, 0, cut)));
        assertTrue(events.isEmpty());
        events.addAll(parser.feed(Arrays.copyOfRange(bytes, cut, bytes.length)));
        assertEquals("café ☕", events.get(0).data());
    }

    @Test
    void eventWithoutDataIsNotDispatched() {
        assertTrue(parse("event: ping\n\n").isEmpty());
    }

    @Test
    void valueWithoutSpaceAfterColonIsAccepted() {
        assertEquals("x", parse("data:x\n\n").get(0).data());
    }
    @Test
    void aTwoMegabyteEventPasses() {
        String data = "{\"documents\":\"" + "d".repeat(2 * 1000 * 1000) + "\"}";
        assertEquals(List.of(new GaiaEvent(null, data, null)), parse("data: " + data + "\n\n"));
    }

    @Test
    void aLineOverTheLimitFailsWithoutWaitingForItsEnd() {
        SseParser parser = new SseParser();
        parser.feed("data: ".getBytes(StandardCharsets.UTF_8));
        byte[] megabyte = new byte[1024 * 1024];
        Arrays.fill(megabyte, (byte) 'x');
        GaiaException failure = assertThrows(GaiaException.class, () -> {
            for (int i = 0; i <= GaiaLimits.MAX_EVENT_BYTES / megabyte.length; i++) {
                parser.feed(megabyte);
            }
        });
        assertEquals(GaiaException.Kind.BAD_RESPONSE, failure.kind());
    }

    @Test
    void anEventWhoseDataLinesTogetherPassTheLimitFails() {
        SseParser parser = new SseParser();
        byte[] line = ("data: " + "x".repeat(1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
        GaiaException failure = assertThrows(GaiaException.class, () -> {
            for (int i = 0; i <= GaiaLimits.MAX_EVENT_BYTES / line.length; i++) {
                parser.feed(line);
            }
        });
        assertEquals(GaiaException.Kind.BAD_RESPONSE, failure.kind());
    }

    @Test
    void theLimitIsPerEvent() {
        SseParser parser = new SseParser();
        byte[] event = ("data: " + "x".repeat(1024 * 1024) + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2 * GaiaLimits.MAX_EVENT_BYTES / event.length; i++) {
            assertEquals(1, parser.feed(event).size());
        }
    }
}
