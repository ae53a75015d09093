package io.gaia.bff.ask;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.config.StreamConfig;
import io.gaia.bff.gaia.GaiaService;
import io.gaia.bff.gaia.GaiaStreamItem;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.Problem;
import io.gaia.bff.problem.Problems;
import io.gaia.bff.session.Session;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/**
 * Relays Gaia's answer stream as server-sent event frames, each flushed as soon as Gaia's event is
 * parsed. The stream opens with a comment the moment Gaia accepts the question, keeps quiet
 * connections alive with comment heartbeats, numbers every event, and always ends explicitly:
 * {@code event: done} after Gaia's last event, or {@code event: error} carrying the problem JSON.
 * A failure before Gaia accepted fails the Multi instead, which the caller answers as an ordinary
 * HTTP error.
 * <p>
 * Gaia's events are taken one at a time, each once the browser's connection has taken the frame
 * before it: a browser that stops reading stops the reading from Gaia (GaiaStreamClient), rather
 * than the answer piling up in memory.
 */
@ApplicationScoped
public class AskStreamer {

    public static final String ERROR_EVENT = "error";
    public static final String DONE_EVENT = "done";
    static final byte[] OPENED = ": stream open\n\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final Logger LOG = Logger.getLogger(AskStreamer.class);

    private final GaiaService gaia;
    private final OpenStreams openStreams;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final long heartbeatMillis;

    public AskStreamer(GaiaService gaia, OpenStreams openStreams, ObjectMapper json, Vertx vertx, StreamConfig config) {
        this.gaia = gaia;
        this.openStreams = openStreams;
        this.json = json;
        this.vertx = vertx;
        this.heartbeatMillis = config.heartbeatDuration().toMillis();
    }

    public Multi<byte[]> stream(Session session, AskRequest request, String path) {
        return Multi.createFrom().emitter(out -> new Relay(out, path).start(session, request));
    }

    /** One browser's stream. Frames are written under its lock so ids stay in order. */
    private final class Relay {

        private final MultiEmitter<? super byte[]> out;
        private final String path;
        private final FinalIds finalIds = new FinalIds();
        private OpenStreams.Slot slot;
        private Cancellable upstream;
        private Flow.Subscription events;
        /** Taken an event and waiting for the browser's connection to ask for the next frame. */
        private boolean waitingForBrowser;
        private boolean accepted;
        private boolean ended;
        private long sequence;
        private long lastWriteNanos;
        private long heartbeatTimer = -1;

        Relay(MultiEmitter<? super byte[]> out, String path) {
            this.out = out;
            this.path = path;
        }

        void start(Session session, AskRequest request) {
            try {
                slot = openStreams.open(session, this::shutDown, this::endWith);
            } catch (ApiException refused) {
                out.fail(refused);
                return;
            }
            // Also runs when the browser goes away: the upstream call is cancelled at once.
            out.onTermination(this::release);
            out.onRequest(ignored -> browserAsked());
            Cancellable subscription = gaia.askStream(session.apiKey(), request.toGaia()).subscribe().with(
                    this::onSubscribed, this::onItem, this::onFailure, this::onComplete);
            synchronized (this) {
                upstream = subscription;
                if (ended) {
                    subscription.cancel();
                }
            }
        }

        private synchronized void onSubscribed(Flow.Subscription subscription) {
            events = subscription;
            subscription.request(1);
        }

        private synchronized void onItem(GaiaStreamItem item) {
            if (ended) {
                return;
            }
            if (item instanceof GaiaStreamItem.Event upstreamEvent) {
                var event = upstreamEvent.event();
                finalIds.note(upstreamEvent.payload());
                write(SseFrames.event(++sequence, relayedName(event.name()), event.data()));
            } else if (item instanceof GaiaStreamItem.Accepted) {
                accepted = true;
                write(OPENED);
                scheduleHeartbeat(heartbeatMillis);
            }
            waitingForBrowser = true;
            browserAsked();
        }

        /** The next event from Gaia once the browser's connection has room for it. */
        private synchronized void browserAsked() {
            if (waitingForBrowser && !ended && out.requested() > 0) {
                waitingForBrowser = false;
                events.request(1);
            }
        }

        private synchronized void onComplete() {
            if (ended) {
                return;
            }
            write(SseFrames.event(++sequence, DONE_EVENT, finalIds.toJson(json)));
            finish();
        }

        private synchronized void onFailure(Throwable failure) {
            if (ended) {
                return;
            }
            if (!accepted) {
                ended = true;
                out.fail(failure);
                return;
            }
            writeError(Problems.asApiException(failure));
            finish();
        }

        private void shutDown() {
            endWith(OpenStreams.shuttingDown());
        }

        /**
         * Ends the stream from this side (shutdown, or its session was logged out, revoked or
         * evicted): with an error event, or as that HTTP error if Gaia has not accepted yet. Either
         * way the stream terminates, and its termination cancels the Gaia call.
         */
        private synchronized void endWith(ApiException problem) {
            if (ended) {
                return;
            }
            if (!accepted) {
                ended = true;
                out.fail(problem);
                return;
            }
            writeError(problem);
            finish();
        }

        /**
         * Gaia's event name, unless it is one of the two that end this stream: a client stops reading
         * at "done", and Gaia's own error events end the stream before they get here.
         */
        private static String relayedName(String gaiaName) {
            return DONE_EVENT.equals(gaiaName) || ERROR_EVENT.equals(gaiaName) ? null : gaiaName;
        }

        private void writeError(ApiException failure) {
            Problem problem = Problems.of(failure, path);
            LOG.logf(Problems.logLevel(failure), "Answer stream ended by a failure: %s (%s)", problem.code(), problem.detail());
            String data;
            try {
                data = json.writeValueAsString(problem);
            } catch (JsonProcessingException e) {
                data = "{\"code\":\"" + problem.code() + "\"}";
            }
            write(SseFrames.event(++sequence, ERROR_EVENT, data));
        }

        private void write(byte[] frame) {
            lastWriteNanos = System.nanoTime();
            out.emit(frame);
        }

        private void finish() {
            ended = true;
            // Nothing more is read from Gaia, even while the browser still has frames to take (the
            // stream itself terminates, and releases the rest, only once it has taken them).
            if (upstream != null) {
                upstream.cancel();
            }
            out.complete();
        }

        private void scheduleHeartbeat(long delayMillis) {
            heartbeatTimer = vertx.setTimer(delayMillis, id -> heartbeat());
        }

        /** Comment frames while Gaia is quiet, so proxies and browsers do not take the stream for dead. */
        private synchronized void heartbeat() {
            if (ended) {
                return;
            }
            long quietMillis = (System.nanoTime() - lastWriteNanos) / 1_000_000;
            // Not while the browser has frames still to take: it is not reading, so nothing looks idle.
            if (quietMillis >= heartbeatMillis && out.requested() > 0) {
                write(HEARTBEAT);
                quietMillis = 0;
            }
            scheduleHeartbeat(Math.max(1, heartbeatMillis - quietMillis));
        }

        private void release() {
            Cancellable subscription;
            synchronized (this) {
                ended = true;
                vertx.cancelTimer(heartbeatTimer);
                subscription = upstream;
            }
            if (subscription != null) {
                subscription.cancel();
            }
            slot.close();
        }
    }
}
