package io.gaia.bff.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SseFramesTest {

    private static String frame(long id, String name, String data) {
        return new String(SseFrames.event(id, name, data), StandardCharsets.UTF_8);
    }

    @Test
    void aOneLineEventIsOneDataLineEndedByABlankLine() {
        assertEquals("id: 3\ndata: {\"responseString\": \"Hi\"}\n\n", frame(3, null, "{\"responseString\": \"Hi\"}"));
    }

    @Test
    void everyLineOfMultiLineDataGetsItsOwnDataField() {
        // A browser's EventSource parser joins them back with \n, whatever line ends Gaia used.
        assertEquals("id: 1\nevent: done\ndata: a\ndata: b\ndata: c\ndata: d\n\n", frame(1, "done", "a\r\nb\rc\nd"));
    }

    @Test
    void emptyLinesInTheDataAreKeptNotTurnedIntoAnEventEnd() {
        assertEquals("id: 2\ndata: a\ndata: \ndata: \n\n", frame(2, null, "a\n\n"));
    }
}
