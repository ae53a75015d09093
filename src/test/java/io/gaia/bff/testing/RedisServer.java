package io.gaia.bff.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis (Debian's redis-server; .ci/run installs it) on a free loopback port, with nothing
 * persisted, plus a minimal client so tests can look at what the service stored exactly as an operator
 * (or an attacker holding a dump) would.
 */
public final class RedisServer implements AutoCloseable {

    private static final List<String> LOCATIONS = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server",
            "/usr/sbin/redis-server");

    private final Process process;
    private final Path dir;
    private final int port;

    private RedisServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a Redis on a free 127.0.0.1 port; fails with how to install it when it is missing. */
    public static RedisServer start() {
        String binary = LOCATIONS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "redis-server is needed for the Redis session store tests: apt-get install redis-server (.ci/run does)"));
        try {
            Path dir = Files.createTempDirectory("gaia-bff-redis");
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = Ports.free();
                // No persistence; dumps written on request (SAVE) stay uncompressed so tests can read them.
                Process process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--rdbcompression", "no", "--dir", dir.toString(),
                        "--daemonize", "no", "--protected-mode", "yes")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
                RedisServer redis = new RedisServer(process, dir, port);
                if (redis.awaitReady(Duration.ofSeconds(10))) {
                    return redis;
                }
                redis.close();
                last = new IllegalStateException("redis-server did not start on port " + port + ": "
                        + Files.readString(dir.resolve("redis.log")));
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return true;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The address for quarkus.redis.hosts / QUARKUS_REDIS_HOSTS. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Sends one command and returns the reply: a String (simple or bulk, bytes as ISO-8859-1), a Long,
     * null, or a List of those. An error reply throws.
     */
    public Object command(String... args) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(request.toByteArray());
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("Redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply type " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] all = bytes.toByteArray();
                return new String(all, 0, all.length - 1, StandardCharsets.ISO_8859_1);
            }
            bytes.write(b);
            previous = b;
        }
        throw new IOException("connection closed mid-reply");
    }

    /** Every key (found with SCAN), in order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> reply = (List<?>) command("SCAN", cursor, "COUNT", "1000");
            cursor = (String) reply.get(0);
            for (Object key : (List<?>) reply.get(1)) {
                keys.add((String) key);
            }
        } while (!"0".equals(cursor));
        keys.sort(null);
        return keys;
    }

    /** Every key with everything it holds, read the way its type is read (GET, HGETALL, ZRANGE...). */
    public Map<String, Object> contents() {
        Map<String, Object> contents = new LinkedHashMap<>();
        for (String key : keys()) {
            String type = (String) command("TYPE", key);
            Object value = switch (type) {
                case "string" -> command("GET", key);
                case "hash" -> command("HGETALL", key);
                case "zset" -> command("ZRANGE", key, "0", "-1", "WITHSCORES");
                case "set" -> command("SMEMBERS", key);
                case "list" -> command("LRANGE", key, "0", "-1");
                default -> command("DUMP", key);
            };
            if (value != null) {
                contents.put(key, value);
            }
        }
        return contents;
    }

    /** What an operator's backup would hold: the RDB file of a SAVE, uncompressed, as ISO-8859-1 text. */
    public String rdbDump() {
        command("SAVE");
        try {
            return new String(Files.readAllBytes(dir.resolve("dump.rdb")), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (SIGTERM; SIGKILL if it lingers). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
