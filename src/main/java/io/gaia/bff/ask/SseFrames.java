package io.gaia.bff.ask;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Writes server-sent events on the wire format, one frame per event, each ending with a blank line. */
final class SseFrames {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private SseFrames() {
    }

    static byte[] event(long id, String name, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 32);
        frame.append("id: ").append(id).append('\n');
        if (name != null) {
            frame.append("event: ").append(name).append('\n');
        }
        for (String line : LINE_BREAK.split(data, -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        frame.append('\n');
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }
}
