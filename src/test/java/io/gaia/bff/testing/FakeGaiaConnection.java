package io.gaia.bff.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** One accepted socket with a small input buffer, so waiting can read ahead without losing bytes. */
final class FakeGaiaConnection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buf = new byte[8192];
    private int start;
    private int end;
    /** In the middle of answering a request (reset() closes such connections). */
    volatile boolean busy;
    /** Closed by the fake itself, so an IOException that follows is not the client leaving. */
    volatile boolean closedByUs;

    FakeGaiaConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Waits this long (forever if null) while reading the socket, so a client that closes or resets
     * the connection ends the wait with an IOException. Bytes it sends meanwhile stay buffered.
     */
    void watchFor(Duration duration) throws IOException {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            return;
        }
        long deadline = duration == null ? 0 : System.nanoTime() + duration.toNanos();
        while (true) {
            int timeoutMs = 0; // 0: block until data, EOF or error
            if (duration != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                timeoutMs = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
            }
            socket.setSoTimeout(timeoutMs);
            try {
                if (fill() < 0) {
                    throw new EOFException("client closed the connection");
                }
            } catch (SocketTimeoutException e) {
                // the socket stays usable; loop to check the deadline
            }
        }
    }

    /** Reads one request, or returns null if the client closed the connection cleanly before it. */
    RecordedRequest readRequest() throws IOException {
        socket.setSoTimeout(0);
        String requestLine = readLine();
        while (requestLine != null && requestLine.isEmpty()) { // tolerate stray CRLF between requests
            requestLine = readLine();
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length < 2) {
            throw new IOException("bad request line: " + requestLine);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        if ("100-continue".equalsIgnoreCase(first(headers, "Expect"))) {
            write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(first(headers, "Transfer-Encoding"))) {
            body = readChunkedBody();
        } else {
            String length = first(headers, "Content-Length");
            body = readExactly(length == null ? 0 : Integer.parseInt(length.trim()));
        }
        headers.replaceAll((k, v) -> List.copyOf(v));

        String target = parts[1];
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String path = decodePath(rawPath);
        if (path.startsWith(FakeGaia.BASE_PATH + "/") || path.equals(FakeGaia.BASE_PATH)) {
            path = path.equals(FakeGaia.BASE_PATH) ? "/" : path.substring(FakeGaia.BASE_PATH.length());
        }
        return new RecordedRequest(parts[0].toUpperCase(Locale.ROOT), path, target,
                parseQuery(q < 0 ? "" : target.substring(q + 1)), Collections.unmodifiableMap(headers),
                new String(body, StandardCharsets.UTF_8), Instant.now());
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? null : v.get(0);
    }

    private static String decodePath(String rawPath) {
        try {
            return URI.create(rawPath).getPath(); // decodes %XX but, unlike URLDecoder, not '+'
        } catch (IllegalArgumentException e) {
            return rawPath;
        }
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    private byte[] readChunkedBody() throws IOException {
        byte[] body = new byte[0];
        while (true) {
            String sizeLine = requireLine();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (!requireLine().isEmpty()) {
                    // skip trailers
                }
                return body;
            }
            body = FakeGaia.concat(body, readExactly(size));
            requireLine();
        }
    }

    /** Next line without CR/LF; null on EOF before any byte of it. */
    private String readLine() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, start, stop - start, StandardCharsets.ISO_8859_1);
                    start = i + 1;
                    return line;
                }
            }
            if (fill() < 0) {
                if (start == end) {
                    return null;
                }
                throw new EOFException("connection closed mid-line");
            }
        }
    }

    private String requireLine() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new EOFException("connection closed mid-request");
        }
        return line;
    }

    private byte[] readExactly(int n) throws IOException {
        while (end - start < n) {
            if (fill() < 0) {
                throw new EOFException("connection closed mid-body");
            }
        }
        byte[] bytes = new byte[n];
        System.arraycopy(buf, start, bytes, 0, n);
        start += n;
        return bytes;
    }

    /** Reads more bytes into the buffer; returns the count or -1 on EOF. */
    private int fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /** Abortive close: SO_LINGER 0 makes close() send RST instead of FIN. */
    void resetByUs() throws IOException {
        closedByUs = true;
        socket.setSoLinger(true, 0);
        socket.close();
    }

    void closeByUs() {
        closedByUs = true;
        close();
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
