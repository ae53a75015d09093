package io.gaia.bff.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads /api/v1/ask/stream the way a browser's fetch() + ReadableStream does: raw lines parsed by
 * the WHATWG event-stream rules, comments kept apart from events, each frame stamped with the time
 * it arrived so tests can compare spacing with what the upstream sent.
 */
public final class StreamClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One comment (comment != null) or one dispatched event, with its arrival time (System.nanoTime). */
    public record Frame(long nanos, String comment, String name, String id, String data) {

        public boolean isComment() {
            return comment != null;
        }

        /** The event type as a browser sees it: "message" unless named. */
        public String type() {
            return name == null ? "message" : name;
        }
    }

    private final HttpResponse<InputStream> response;
    private final BufferedReader body;

    private StreamClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** Posts the question and returns once the response headers are in, without reading the body. */
    public static StreamClient open(URL root, String session, Object question) {
        return open(root, "api/v1/ask/stream", session, question, Map.of());
    }

    public static StreamClient open(URL root, String path, String session, Object question, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path))
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .header("X-Session-ID", session)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(question)));
            headers.forEach(request::header);
            return new StreamClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every frame of a whole stream, read to its end. */
    public static List<Frame> read(URL root, String session, Object question) {
        try (StreamClient stream = open(root, session, question)) {
            if (stream.status() != 200) {
                throw new AssertionError("stream answered HTTP " + stream.status() + ": " + stream.rest());
            }
            return stream.readToEnd();
        }
    }

    public static List<Frame> events(List<Frame> frames) {
        return frames.stream().filter(frame -> !frame.isComment()).toList();
    }

    public static List<Frame> comments(List<Frame> frames) {
        return frames.stream().filter(Frame::isComment).toList();
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    /** The next comment or event, or null at the end of the stream. Blocks until it arrives. */
    public Frame next() {
        StringBuilder data = null;
        String name = null;
        String id = null;
        try {
            String line;
            while ((line = body.readLine()) != null) {
                long now = System.nanoTime();
                if (line.isEmpty()) {
                    if (data != null) {
                        return new Frame(now, null, name, id, data.toString());
                    }
                    name = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    return new Frame(now, line.substring(1).strip(), null, null, null);
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case "event" -> name = value;
                    case "id" -> id = value;
                    default -> {
                        // retry and unknown fields are ignored, as a browser does
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Frame> readToEnd() {
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = next(); frame != null; frame = next()) {
            frames.add(frame);
        }
        return frames;
    }

    /** The unread body as text (for error responses). */
    public String rest() {
        try {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves the stream, as a browser tab that is closed. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
