package io.gaia.bff.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A programmable fake of the Gaia HTTP API for failure tests.
 *
 * <p>It is a plain blocking {@link ServerSocket} server with one thread per connection, not Vert.x:
 * the tests need byte-level control of the wire (a chunked body cut without its terminating chunk, a
 * real TCP RST, silence), and a dedicated thread may simply block while it waits. Waiting is done by
 * reading the socket with a timeout, so a client that leaves during a delay, pause or hang is noticed
 * at once and recorded (see {@link #awaitClientClosed}).
 *
 * <p>Without scripts it behaves like a healthy Gaia: API key {@value #GOOD_API_KEY} is valid, anything
 * else gets 401; {@code GET /datasets}, {@code GET /llms}, {@code POST /ask}, {@code POST /ask/stream}
 * answer with {@link GaiaSamples}; other paths get 404. Scripts registered with {@link #on} take
 * precedence over defaults (and over the key check), in registration order. Thread-safe.
 */
public final class FakeGaia implements AutoCloseable {

    /** The path prefix of the real service; {@link #baseUrl()} ends with it and routes are relative to it. */
    public static final String BASE_PATH = "/v2/mcm/gaia";
    public static final String GOOD_API_KEY = "good-key";

    private static final Pattern CONVERSATION_ID = Pattern.compile("\"conversationId\"\\s*:\\s*\"([^\"]*)\"");

    private final ServerSocket server;
    private final Thread acceptor;
    private final ExecutorService workers;
    private final Set<FakeGaiaConnection> connections = ConcurrentHashMap.newKeySet();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> clientClosed = new ArrayList<>(); // guarded by itself
    private final java.util.concurrent.atomic.AtomicLong streamedBytes = new java.util.concurrent.atomic.AtomicLong();
    private volatile String apiKey = GOOD_API_KEY;
    private volatile boolean stopped;

    private FakeGaia(ServerSocket server) {
        this.server = server;
        String name = "fake-gaia-" + server.getLocalPort();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-conn-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a fake on 127.0.0.1 on a random free port. */
    public static FakeGaia start() {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            return new FakeGaia(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start FakeGaia", e);
        }
    }

    /**
     * A base URL on 127.0.0.1 where nothing listens (an ephemeral port bound then released), for
     * "connection refused" tests. Another process could in theory grab the port in between.
     */
    public static String closedPortUrl() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + BASE_PATH;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234/v2/mcm/gaia}, no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + BASE_PATH;
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Scripts the answer to {@code method path} (path relative to the base path, percent-decoded, no
     * query; a trailing {@code *} matches a prefix). The route takes effect once an action
     * ({@code respond}, {@code respondDeclaring}, {@code hang}, {@code resetConnection}, {@code stream}) is set.
     */
    public Route on(String method, String path) {
        Route route = new Route(method.toUpperCase(Locale.ROOT), path.startsWith("/") ? path : "/" + path);
        routes.add(route);
        return route;
    }

    /** Changes the API key the defaults accept (until {@link #reset()}). */
    public FakeGaia acceptApiKey(String key) {
        this.apiKey = key;
        return this;
    }

    /**
     * Forgets scripts, recorded requests and client closes, restores the default key, and closes
     * connections that are in the middle of a scripted answer (e.g. hanging), so nothing leaks into
     * the next test. Idle keep-alive connections stay open.
     */
    public void reset() {
        routes.clear();
        requests.clear();
        streamedBytes.set(0);
        synchronized (clientClosed) {
            clientClosed.clear();
        }
        apiKey = GOOD_API_KEY;
        for (FakeGaiaConnection c : connections) {
            if (c.busy) {
                c.closeByUs();
            }
        }
    }

    /** Stops accepting, closes every connection and ends every thread of this fake. */
    public void stop() {
        stopped = true;
        try {
            server.close();
            acceptor.join(5_000); // no new connection can be registered after this
            connections.forEach(FakeGaiaConnection::closeByUs);
            workers.shutdownNow();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // closing a server socket does not fail in practice; nothing to recover anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** All requests received since start/reset, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose relative path equals path. */
    public List<RecordedRequest> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The most recent request, or null. */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /**
     * Waits until a client has closed (or reset) the connection of a request to path before the
     * fake finished its answer, e.g. during a delay, a pause, a hang, or while a stream was written.
     * Proof that the caller cancelled upstream. False on timeout.
     */
    public boolean awaitClientClosed(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (clientClosed) {
            try {
                while (!clientClosed.contains(path)) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return false;
                    }
                    clientClosed.wait(left);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Paths of requests whose client left before the answer was complete, in order. */
    public List<String> clientClosedPaths() {
        synchronized (clientClosed) {
            return List.copyOf(clientClosed);
        }
    }

    /**
     * Bytes of scripted stream events the fake has handed to its socket since the last reset: once
     * the kernel's buffers are full, what the client has read, not what the fake would have sent.
     */
    public long streamedBytes() {
        return streamedBytes.get();
    }

    /** Connections currently open (accepted and not yet closed by either side, as far as the fake knows). */
    public int openConnections() {
        return connections.size();
    }

    // ---------------------------------------------------------------- scripts

    /** What to do with a request; a snapshot taken from a {@link Route} or made by the defaults. */
    private record Reply(Kind kind, int status, String contentType, Map<String, String> headers, byte[] body,
            Duration delay, SseScript stream, long declaredLength) {
    }

    private enum Kind {
        RESPOND, HANG, RESET, STREAM, PROMISE
    }

    /** A scripted answer for one method and path; configure it fluently. */
    public final class Route {
        private final String method;
        private final String path;
        private Kind kind;
        private int status = 200;
        private String body;
        private String contentType;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration delay = Duration.ZERO;
        private int remaining = -1; // -1: unlimited
        private SseScript stream;
        private long declaredLength;

        private Route(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** Answer with this status and body (JSON content type unless {@link #withContentType} says otherwise). */
        public synchronized Route respond(int status, String body) {
            this.kind = Kind.RESPOND;
            this.status = status;
            this.body = body;
            return this;
        }

        /** Answer with this status and no body. */
        public synchronized Route respond(int status) {
            return respond(status, null);
        }

        /** Adds a response header (for {@link #respond} and {@link #stream}). */
        public synchronized Route withHeader(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public synchronized Route withContentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /**
         * Answer with this status and a {@code Content-Length} of {@code declaredLength}, send only
         * {@code start} of that body, then wait like {@link #hang()} until the client leaves: a
         * huge body the client should refuse from its length alone, without reading it.
         */
        public synchronized Route respondDeclaring(int status, long declaredLength, String start) {
            this.kind = Kind.PROMISE;
            this.status = status;
            this.declaredLength = declaredLength;
            this.body = start;
            return this;
        }

        /** Hold the whole response (status line included) this long; the client is watched meanwhile. */
        public synchronized Route afterDelay(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** Apply only to the next n matching requests, then fall through to later scripts or defaults. */
        public synchronized Route times(int n) {
            this.remaining = n;
            return this;
        }

        /** Read the request, never answer, until the client leaves or the fake is reset/stopped. */
        public synchronized Route hang() {
            this.kind = Kind.HANG;
            return this;
        }

        /** Read the request, then answer with a TCP reset (RST) instead of a response. */
        public synchronized Route resetConnection() {
            this.kind = Kind.RESET;
            return this;
        }

        /** Answer 200 {@code text/event-stream}, chunked, written piece by piece as scripted. */
        public synchronized Route stream(SseScript script) {
            this.kind = Kind.STREAM;
            this.status = 200;
            this.stream = script;
            return this;
        }

        private boolean matches(String method, String path) {
            return this.method.equals(method)
                    && (this.path.endsWith("*") ? path.startsWith(this.path.substring(0, this.path.length() - 1))
                            : this.path.equals(path));
        }

        /** Takes one use of this route, or null if it is exhausted or not configured yet. */
        private synchronized Reply claim() {
            if (kind == null || remaining == 0) {
                return null;
            }
            if (remaining > 0) {
                remaining--;
            }
            String type = contentType != null ? contentType
                    : kind == Kind.STREAM ? "text/event-stream" : "application/json";
            return new Reply(kind, status, type, Map.copyOf(headers),
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8), delay, stream, declaredLength);
        }
    }

    private Reply replyFor(RecordedRequest r) {
        if (!r.rawTarget().startsWith(BASE_PATH + "/")) { // outside the API: no script can match
            return json(404, "{\"message\":\"no such path\",\"errorCode\":\"kNotFound\"}");
        }
        for (Route route : routes) {
            if (route.matches(r.method(), r.path())) {
                Reply reply = route.claim();
                if (reply != null) {
                    return reply;
                }
            }
        }
        if (!apiKey.equals(r.header("apiKey"))) {
            return json(401, GaiaSamples.UNAUTHORIZED);
        }
        String conversation = conversationIdOf(r.body());
        return switch (r.method() + " " + r.path()) {
            case "GET /datasets" -> json(200, GaiaSamples.datasets(r.queryParam("prefix")));
            case "GET /llms" -> json(200, GaiaSamples.LLMS);
            case "POST /ask" -> json(200, GaiaSamples.askResponse(conversation));
            case "POST /ask/stream" -> {
                SseScript s = SseScript.sse();
                GaiaSamples.STREAM_WORDS.forEach(w -> s.event("{\"responseString\":" + GaiaSamples.quote(w) + "}"));
                s.event(GaiaSamples.finalEvent(conversation));
                yield new Reply(Kind.STREAM, 200, "text/event-stream", Map.of(), null, Duration.ZERO, s, 0);
            }
            default -> json(404, "{\"message\":\"Not found: " + r.path() + "\",\"errorCode\":\"kNotFound\"}");
        };
    }

    private static Reply json(int status, String body) {
        return new Reply(Kind.RESPOND, status, "application/json", Map.of(),
                body.getBytes(StandardCharsets.UTF_8), Duration.ZERO, null, 0);
    }

    /** Echo the conversation the client continues, like Gaia does. */
    private static String conversationIdOf(String body) {
        Matcher m = CONVERSATION_ID.matcher(body);
        return m.find() ? m.group(1) : GaiaSamples.CONVERSATION_ID;
    }

    private void noteClientClosed(String path) {
        synchronized (clientClosed) {
            clientClosed.add(path);
            clientClosed.notifyAll();
        }
    }

    // ---------------------------------------------------------------- serving

    private void acceptLoop() {
        while (!stopped) {
            FakeGaiaConnection c;
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true); // each scripted piece must leave in its own packet, now
                c = new FakeGaiaConnection(socket);
            } catch (IOException e) {
                continue; // server socket closed by stop(), or one failed accept
            }
            connections.add(c);
            try {
                workers.execute(() -> serve(c));
            } catch (RejectedExecutionException e) {
                c.closeByUs();
            }
        }
    }

    /** Serves requests on one keep-alive connection until either side closes it. */
    private void serve(FakeGaiaConnection c) {
        try {
            RecordedRequest request;
            while (!stopped && (request = c.readRequest()) != null) {
                requests.add(request);
                Reply reply = replyFor(request);
                c.busy = true;
                boolean keepAlive;
                try {
                    keepAlive = perform(c, reply);
                } catch (IOException e) {
                    if (!c.closedByUs) {
                        noteClientClosed(request.path());
                    }
                    return;
                }
                c.busy = false;
                if (!keepAlive || "close".equalsIgnoreCase(request.header("Connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // a broken or closed connection while reading a request: nothing was scripted yet
        } finally {
            c.close();
            connections.remove(c);
        }
    }

    /** Plays one reply; returns whether the connection may serve another request. */
    private boolean perform(FakeGaiaConnection c, Reply reply) throws IOException {
        c.watchFor(reply.delay());
        switch (reply.kind()) {
            case HANG -> {
                c.watchFor(null);
                return false; // not reached: watching forever ends only by an exception
            }
            case RESET -> {
                c.resetByUs();
                return false;
            }
            case RESPOND -> {
                byte[] body = reply.body() == null ? new byte[0] : reply.body();
                boolean noBody = reply.status() == 204 || reply.status() == 304 || reply.status() < 200;
                StringBuilder head = statusLine(reply);
                if (!noBody) {
                    if (body.length > 0) {
                        head.append("Content-Type: ").append(reply.contentType()).append("\r\n");
                    }
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                c.write(concat(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1),
                        noBody ? new byte[0] : body));
                return true;
            }
            case PROMISE -> {
                StringBuilder head = statusLine(reply)
                        .append("Content-Type: ").append(reply.contentType()).append("\r\n")
                        .append("Content-Length: ").append(reply.declaredLength()).append("\r\n\r\n");
                c.write(concat(head.toString().getBytes(StandardCharsets.ISO_8859_1),
                        reply.body() == null ? new byte[0] : reply.body()));
                c.watchFor(null);
                return false; // not reached: watching forever ends only by an exception
            }
            case STREAM -> {
                StringBuilder head = statusLine(reply)
                        .append("Content-Type: ").append(reply.contentType()).append("\r\n")
                        .append("Cache-Control: no-cache\r\n")
                        .append("Transfer-Encoding: chunked\r\n\r\n");
                c.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                for (SseScript.Piece piece : reply.stream().pieces()) {
                    if (piece.pause() != null) {
                        c.watchFor(piece.pause());
                    } else if (piece.bytes().length > 0) { // an empty chunk would mean "end"
                        byte[] size = (Integer.toHexString(piece.bytes().length) + "\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1);
                        c.write(concat(size, piece.bytes(), "\r\n".getBytes(StandardCharsets.ISO_8859_1)));
                        streamedBytes.addAndGet(piece.bytes().length);
                    }
                }
                switch (reply.stream().ending()) {
                    case END -> {
                        c.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        return true;
                    }
                    case CUT -> {
                        return false; // serve() closes: FIN after the last chunk, no terminator
                    }
                    case RESET -> {
                        c.resetByUs();
                        return false;
                    }
                    default -> {
                        c.watchFor(null);
                        return false;
                    }
                }
            }
            default -> throw new IllegalStateException(reply.kind().toString());
        }
    }

    private static StringBuilder statusLine(Reply reply) {
        StringBuilder b = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(' ')
                .append(reason(reply.status())).append("\r\n");
        reply.headers().forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        return b;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
