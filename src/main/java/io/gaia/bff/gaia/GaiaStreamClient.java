package io.gaia.bff.gaia;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.config.GaiaConfig;
import io.gaia.bff.config.Seconds;
import io.gaia.bff.config.StreamConfig;
import io.gaia.bff.gaia.GaiaException.Kind;
import io.gaia.bff.observability.BffMetrics;
import io.gaia.bff.observability.RequestTracking;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Gaia's streaming ask, spoken over a plain Vert.x HTTP client instead of the declarative REST client.
 * The REST client hides what a stream needs: it reports nothing when Gaia's status line arrives (so
 * the browser could not be told the stream is open), ignores a connection closed mid-answer (the
 * stream then hangs), and cannot abandon a request still waiting for its status line. Here each of
 * those is explicit, and every stream ends: Gaia finishes, fails, goes quiet for the idle limit, runs
 * past the total limit, sends an event over {@link GaiaLimits#MAX_EVENT_BYTES} or one the replica's
 * {@link AnswerMemory} has no room for, or the subscriber cancels, which closes the upstream
 * connection at once.
 * <p>
 * Gaia's answer is read only as fast as the subscriber asks for events: while it has asked for none
 * (a browser that stopped reading), reading from Gaia pauses, so an answer is never held in memory
 * beyond what one read brought, and TCP slows Gaia down. A paused answer is not Gaia's silence.
 */
@ApplicationScoped
public class GaiaStreamClient {

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final HttpClient http;
    private final ObjectMapper json;
    private final String streamUrl;
    private final String securityContext;
    private final Vertx vertx;
    private final Duration acceptTimeout;
    private final Duration idleTimeout;
    private final Duration maxDuration;
    private final OpenTelemetry telemetry;
    private final Tracer tracer;
    private final String host;
    private final int port;
    private final AnswerMemory memory;

    public GaiaStreamClient(Vertx vertx, ObjectMapper json, GaiaConfig gaia, StreamConfig streams,
            OpenTelemetry telemetry, AnswerMemory memory) {
        this.vertx = vertx;
        this.memory = memory;
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("io.gaia.bff.gaia");
        this.json = json;
        URI base = gaia.baseUri();
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        this.streamUrl = base + "/ask/stream";
        this.securityContext = gaia.securityContext().orElse(null);
        this.acceptTimeout = gaia.requestTimeoutDuration();
        this.idleTimeout = streams.idleTimeoutDuration();
        this.maxDuration = streams.maxDurationDuration();
        HttpClientOptions options = new HttpClientOptions()
                .setName("gaia-stream")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, gaia.connectTimeoutDuration().toMillis()))
                .setKeepAlive(true)
                // An event stream must reach the browser as Gaia sends it; never ask for it compressed.
                .setDecompressionSupported(false);
        if ("https".equalsIgnoreCase(base.getScheme())) {
            options.setSsl(true);
            if (!gaia.verifySsl()) {
                options.setTrustAll(true).setVerifyHost(false);
            }
        }
        // One connection per open stream; the service refuses streams beyond the same limit itself.
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(streams.maxConcurrent());
        this.http = vertx.createHttpClient(options, pool);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /**
     * Asks Gaia for a streamed answer. Nothing is sent until subscription; cancelling the
     * subscription at any point, even before Gaia's status line, abandons the upstream request.
     * Failures are raw (connection errors) or {@link GaiaException}s; the caller classifies them.
     */
    public Multi<GaiaStreamItem> ask(String apiKey, GaiaAskRequest request) {
        // Read here, on the request's context; the call starts when the stream is subscribed to.
        String requestId = RequestTracking.current();
        Context parent = Context.current();
        return Multi.createFrom().emitter(emitter -> new Call(emitter, apiKey, request, requestId, parent).start());
    }

    /** One streamed ask: its request, its timers and the parser of its body. */
    private final class Call {

        private final MultiEmitter<? super GaiaStreamItem> out;
        private final String apiKey;
        private final GaiaAskRequest question;
        private final SseParser parser = new SseParser();
        /** The event being read, counted in the replica's memory for answers until it is complete. */
        private final AnswerMemory.Claim held = memory.claim();
        private final StreamedAnswer answer = new StreamedAnswer(json);
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile HttpClientRequest request;
        private volatile long silenceTimer = -1;
        private volatile long totalTimer = -1;
        private volatile HttpClientResponse response;
        /** Where Gaia's answer is handled: the context the call started on, which the client keeps. */
        private io.vertx.core.Context context;
        private final AtomicBoolean paused = new AtomicBoolean();
        private final String requestId;
        /** The client span of this call (a no-op span while tracing is off); no header or body is recorded on it. */
        private final Span span;

        Call(MultiEmitter<? super GaiaStreamItem> out, String apiKey, GaiaAskRequest question, String requestId,
                Context parent) {
            this.out = out;
            this.apiKey = apiKey;
            this.question = question;
            this.requestId = requestId;
            this.span = tracer.spanBuilder("POST /ask/stream").setParent(parent).setSpanKind(SpanKind.CLIENT)
                    .setAttribute("http.request.method", "POST")
                    .setAttribute("server.address", host)
                    .setAttribute("server.port", (long) port)
                    .setAttribute("url.template", "/ask/stream")
                    .setAttribute("gaia.operation", BffMetrics.ASK_STREAM)
                    .startSpan();
        }

        void start() {
            byte[] body;
            try {
                body = json.writeValueAsBytes(question);
            } catch (JsonProcessingException e) {
                span.end();
                out.fail(e);
                return;
            }
            out.onTermination(this::abandon);
            context = vertx.getOrCreateContext();
            silenceTimer = vertx.setTimer(acceptTimeout.toMillis(), id -> end(GaiaException.of(Kind.TIMEOUT,
                    "Gaia did not answer within " + Seconds.describe(acceptTimeout), null)));
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(streamUrl)
                    .putHeader(GaiaClient.API_KEY_HEADER, apiKey)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.ACCEPT, "text/event-stream");
            if (securityContext != null) {
                options.putHeader(SecurityContextHeader.HEADER, securityContext);
            }
            if (requestId != null) {
                options.putHeader(RequestTracking.HEADER, requestId);
            }
            telemetry.getPropagators().getTextMapPropagator().inject(span.storeInContext(Context.root()), options,
                    (carrier, name, value) -> carrier.putHeader(name, value));
            http.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    end(opened.cause());
                    return;
                }
                HttpClientRequest call = opened.result();
                // Before anything can reset it: a reset nobody listens for is logged by Vert.x as an ERROR.
                call.exceptionHandler(this::end);
                request = call;
                if (ended.get()) {
                    call.reset(); // abandoned while connecting
                    return;
                }
                call.send(Buffer.buffer(body)).onComplete(answered -> {
                    if (answered.failed()) {
                        end(answered.cause());
                    } else if (answered.result().statusCode() == 200) {
                        stream(answered.result());
                    } else {
                        refuse(answered.result());
                    }
                });
            });
        }

        private void stream(HttpClientResponse response) {
            span.setAttribute("http.response.status_code", (long) response.statusCode());
            this.response = response;
            restartSilenceTimer();
            totalTimer = vertx.setTimer(maxDuration.toMillis(), id -> end(GaiaException.of(Kind.TIMEOUT,
                    "The answer took longer than the " + Seconds.describe(maxDuration) + " limit", null)));
            out.onRequest(ignored -> {
                if (paused.get()) {
                    context.runOnContext(resume -> resumeIfAsked());
                }
            });
            // Before Accepted goes out: its subscriber may cancel at once, which resets this response.
            response.exceptionHandler(failure -> end(GaiaException.of(Kind.BAD_RESPONSE,
                    "Gaia closed the connection before the answer was complete", failure)));
            out.emit(new GaiaStreamItem.Accepted());
            response.handler(chunk -> {
                if (ended.get()) {
                    return;
                }
                restartSilenceTimer();
                if (relay(() -> parser.feed(chunk.getBytes())) && !held.resize(parser.heldBytes())) {
                    end(AnswerMemory.full());
                    return;
                }
                pauseIfUnasked();
            });
            response.endHandler(done -> {
                if (ended.get() || !relay(parser::finish)) {
                    return;
                }
                GaiaException incomplete = answer.incompleteness();
                if (incomplete != null) {
                    end(incomplete);
                } else if (ended.compareAndSet(false, true)) {
                    cancelTimers();
                    held.release();
                    span.end();
                    out.complete();
                }
            });
        }

        /**
         * Parses what arrived and emits the events worth relaying; false if the answer ended instead
         * (an event over GaiaLimits.MAX_EVENT_BYTES, or Gaia's error event), which closes the connection.
         */
        private boolean relay(Supplier<List<GaiaEvent>> parse) {
            try {
                for (GaiaEvent event : parse.get()) {
                    GaiaStreamItem.Event item = answer.read(event);
                    if (item != null) {
                        out.emit(item);
                    }
                }
                return true;
            } catch (GaiaException failed) {
                end(failed);
                return false;
            }
        }

        /**
         * A non-200 answer: read its body for Gaia's message, as for any other call. Gaia's messages
         * are short; past MAX_ERROR_BODY_BYTES the answer ends with what was read, and the rest is
         * not waited for (end closes the connection).
         */
        private void refuse(HttpClientResponse response) {
            Buffer body = Buffer.buffer();
            response.handler(chunk -> {
                body.appendBuffer(chunk);
                if (body.length() >= MAX_ERROR_BODY_BYTES) {
                    failWithStatus(response, body);
                }
            });
            response.exceptionHandler(ignored -> failWithStatus(response, body));
            response.endHandler(ignored -> failWithStatus(response, body));
        }

        private void failWithStatus(HttpClientResponse response, Buffer body) {
            int status = response.statusCode();
            span.setAttribute("http.response.status_code", (long) status);
            end(GaiaException.status(status,
                    GaiaResponseExceptionMapper.messageOf(status, body.toString(StandardCharsets.UTF_8)),
                    response.getHeader("Retry-After")));
        }

        /**
         * Stops reading Gaia while the subscriber has every event read so far still to take. Runs on
         * the call's context, as does resuming: a request from elsewhere only schedules the check.
         */
        private void pauseIfUnasked() {
            if (out.requested() > 0 || ended.get()) {
                return;
            }
            paused.set(true);
            response.pause();
            vertx.cancelTimer(silenceTimer);
            resumeIfAsked(); // a request that came in meanwhile
        }

        private void resumeIfAsked() {
            if (paused.get() && out.requested() > 0 && !ended.get()) {
                paused.set(false);
                restartSilenceTimer();
                response.resume();
            }
        }

        private void restartSilenceTimer() {
            long previous = silenceTimer;
            if (previous >= 0) {
                vertx.cancelTimer(previous);
            }
            silenceTimer = vertx.setTimer(idleTimeout.toMillis(), id -> end(GaiaException.of(Kind.TIMEOUT,
                    "Gaia sent nothing for " + Seconds.describe(idleTimeout), null)));
        }

        private void end(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                cancelTimers();
                held.release();
                resetRequest();
                // Only the failure's type and this service's own words: Gaia's text may quote the request.
                span.setStatus(StatusCode.ERROR, failure instanceof GaiaException gaia ? gaia.kind().name()
                        : failure.getClass().getSimpleName());
                span.setAttribute("error.type", failure instanceof GaiaException gaia ? gaia.kind().name()
                        : failure.getClass().getName());
                span.end();
                out.fail(failure);
            }
        }

        /** The subscriber went away (or the stream ended): stop paying for an answer nobody reads. */
        private void abandon() {
            if (ended.compareAndSet(false, true)) {
                cancelTimers();
                held.release();
                resetRequest();
                span.setAttribute("gaia.cancelled", true);
                span.end();
            }
        }

        private void resetRequest() {
            HttpClientRequest current = request;
            if (current != null) {
                // On HTTP/1.1 this closes the connection: Gaia sees the client leave and can stop generating.
                current.reset();
            }
        }

        private void cancelTimers() {
            vertx.cancelTimer(silenceTimer);
            vertx.cancelTimer(totalTimer);
        }
    }
}
