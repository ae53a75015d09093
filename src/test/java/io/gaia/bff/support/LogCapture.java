package io.gaia.bff.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's whole log, written to a file under target/ by a test profile, for tests that
 * prove what is (and is never) logged. The file uses the service's own line format, so a line's
 * request id is the bracketed field after the thread: {@code (thread) [requestId] message}.
 */
public record LogCapture(Path file) {

    /** date time LEVEL [category] (thread) [requestId] message */
    private static final Pattern LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} +(\\w+) +\\[([^\\]]*)\\] \\((.*?)\\) \\[([^\\]]*)\\] (.*)$");

    public static LogCapture named(String name) {
        return new LogCapture(Path.of("target", name + ".log"));
    }

    /**
     * Config overrides that log everything at {@code level} and above (TRACE, DEBUG...) to the file,
     * starting empty each time the application starts.
     */
    public Map<String, String> config(String level) {
        Map<String, String> config = new HashMap<>();
        if (level.equals("TRACE")) {
            // Below the build's default minimum (DEBUG): TRACE statements are compiled out otherwise.
            config.put("quarkus.log.min-level", level);
        }
        config.put("quarkus.log.level", level);
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", file.toString());
        config.put("quarkus.log.file.level", level);
        config.put("quarkus.log.file.rotation.rotate-on-boot", "true");
        // The file is the record; the build's console stays at INFO (TRACE there is megabytes per test).
        config.put("quarkus.log.console.level", "INFO");
        // RestAssured's Apache client, in the same JVM, would log the test's own requests (with keys in them).
        config.put("quarkus.log.category.\"org.apache.http\".level", "INFO");
        return config;
    }

    /**
     * Config overrides that capture the service's own lines at {@code level} and the frameworks' at
     * INFO, their production level.
     */
    public Map<String, String> serviceConfig(String level) {
        Map<String, String> config = config(level);
        config.put("quarkus.log.level", "INFO");
        config.put("quarkus.log.category.\"io.gaia.bff\".level", level);
        return config;
    }

    public String read() {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException notYet) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log once it contains {@code marker} (lines are written asynchronously to the request), or after 5 s. */
    public String awaitContaining(String marker) {
        return awaitLines(marker, 1);
    }

    /** The log once {@code count} of its lines contain {@code marker}, or after 5 s. */
    public String awaitLines(String marker, int count) {
        return awaitLines(marker, count, Duration.ofSeconds(5));
    }

    /** The log once {@code count} of its lines contain {@code marker}, or after {@code within}. */
    public String awaitLines(String marker, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String log = read();
        while (log.lines().filter(line -> line.contains(marker)).count() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            log = read();
        }
        return log;
    }

    /** The log's entries: one per line that starts a record (an exception's stack lines belong to the line before). */
    public List<Entry> entries() {
        return read().lines().map(LINE::matcher).filter(Matcher::matches)
                .map(m -> new Entry(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5))).toList();
    }

    /** The entries logged while the application was up: not its start or stop (on the main and shutdown threads). */
    public List<Entry> whileRunning() {
        return entries().stream().filter(e -> !e.thread().equals("main") && !e.thread().startsWith("Shutdown")).toList();
    }

    /** One log record: level, category (abbreviated), thread, request id ("" outside a request) and message. */
    public record Entry(String level, String category, String thread, String requestId, String message) {

        public boolean inRequest() {
            return !requestId.isEmpty();
        }

        @Override
        public String toString() {
            return level + " [" + category + "] (" + thread + ") [" + requestId + "] " + message;
        }
    }
}
