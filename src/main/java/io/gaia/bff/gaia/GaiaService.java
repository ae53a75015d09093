package io.gaia.bff.gaia;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.gaia.bff.config.GaiaConfig;
import io.gaia.bff.config.Seconds;
import io.gaia.bff.gaia.GaiaException.Kind;
import io.gaia.bff.observability.BffMetrics;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every call to Gaia goes through here: a deadline on each non-streaming call, failures turned into
 * {@link GaiaException}s with the caller's key scrubbed from their messages, and reachability noted.
 * Non-streaming calls pass {@link GaiaGuards}: the circuit breaker and concurrency limit for all,
 * retries for the idempotent reads only ({@link #listDatasets}, {@link #datasetDetails}); an ask, a
 * key check ({@link #checkKey}) and a stream are never retried.
 */
@ApplicationScoped
public class GaiaService {

    private static final Pattern PATH_SEGMENT = Pattern.compile(UpstreamText.PATH_SEGMENT);

    private final GaiaClient client;
    private final GaiaStreamClient streams;
    private final GaiaReachability reachability;
    private final GaiaGuards guards;
    private final Duration timeout;
    private final BffMetrics metrics;

    public GaiaService(@RestClient GaiaClient client, GaiaStreamClient streams, GaiaReachability reachability,
            GaiaGuards guards, GaiaConfig config, BffMetrics metrics) {
        this.metrics = metrics;
        this.client = client;
        this.streams = streams;
        this.reachability = reachability;
        this.guards = guards;
        this.timeout = config.requestTimeoutDuration();
    }

    /**
     * Gaia's dataset objects, unchanged, whether Gaia wrapped them in {"datasets": [...]} or not.
     * Retried on transient failures.
     */
    public Uni<ArrayNode> listDatasets(String apiKey, String prefix) {
        String encoded = UpstreamText.encode(prefix);
        return guards.read(attempt(BffMetrics.DATASETS, apiKey, () -> client.listDatasets(apiKey, encoded)))
                .map(GaiaService::datasetsOf);
    }

    /**
     * Whether Gaia accepts the key (it lists the key's datasets): exactly one request, never retried.
     * Fails as {@link #listDatasets} does. {@code operation} is {@link BffMetrics#LOGIN} or
     * {@link BffMetrics#PROBE}: counted apart from the users' dataset lists, a rejected key or the
     * keyless probe's expected 401 never reads as a failing datasets call.
     */
    public Uni<ArrayNode> checkKey(String apiKey, String operation) {
        return guards.call(attempt(operation, apiKey, () -> client.listDatasets(apiKey, null)))
                .map(GaiaService::datasetsOf);
    }

    /** Callers validate {@code name} for the client; checked again because encoding alone does not make ".." harmless. */
    public Uni<JsonNode> datasetDetails(String apiKey, String name) {
        if (name == null || !PATH_SEGMENT.matcher(name).matches()) {
            return Uni.createFrom().failure(new IllegalArgumentException("Not a single path segment: a dataset name"));
        }
        String encoded = UpstreamText.encode(name);
        return guards.read(attempt(BffMetrics.DATASET_DETAILS, apiKey, () -> client.datasetDetails(apiKey, encoded)));
    }

    /** Never retried: an ask is not idempotent (it may start or extend a conversation). */
    public Uni<JsonNode> ask(String apiKey, GaiaAskRequest request) {
        return guards.call(attempt(BffMetrics.ASK, apiKey, () -> client.ask(apiKey, request))).invoke(answer -> {
            if (!answer.isObject()) {
                throw GaiaException.of(Kind.BAD_RESPONSE, "Gaia's answer was not a JSON object", null);
            }
        });
    }

    /**
     * Gaia's streamed answer: {@link GaiaStreamItem.Accepted} as soon as Gaia said 200, then its
     * events as they arrive. Silence and total-length limits are the stream client's (see there);
     * the request timeout here bounds only the wait for Gaia's status line.
     */
    public Multi<GaiaStreamItem> askStream(String apiKey, GaiaAskRequest request) {
        // Streams do not pass the guards (never retried, outcomes not counted by the breaker), but
        // while the breaker is open they are refused at once like every other call.
        return Multi.createFrom().deferred(() -> {
            guards.refuseIfOpen();
            Timer.Sample sample = metrics.startGaiaCall();
            return streams.ask(apiKey, request)
                    .onItem().invoke(item -> {
                        if (item instanceof GaiaStreamItem.Accepted) {
                            reachability.answered("HTTP 200");
                        }
                    })
                    .onFailure().transform(failure -> scrubbed(BffMetrics.ASK_STREAM, apiKey, failure))
                    .onTermination().invoke((failure, cancelled) -> metrics.gaiaCallEnded(sample,
                            BffMetrics.ASK_STREAM, failure, cancelled));
        });
    }

    /**
     * One attempt: a fresh request each time it is called, bounded by the response timeout and timed
     * under {@code operation}, one of the fixed names in {@link BffMetrics}.
     */
    private <T> Supplier<Uni<T>> attempt(String operation, String apiKey, Supplier<Uni<T>> request) {
        return () -> Uni.createFrom().deferred(() -> {
            Timer.Sample sample = metrics.startGaiaCall();
            return request.get().ifNoItem().after(timeout)
                    .failWith(() -> GaiaException.of(Kind.TIMEOUT,
                            "Gaia did not answer within " + Seconds.describe(timeout), null))
                    .invoke(ignored -> reachability.answered("HTTP 200"))
                    .onFailure().transform(failure -> scrubbed(operation, apiKey, failure))
                    .onTermination().invoke((item, failure, cancelled) -> metrics.gaiaCallEnded(sample, operation,
                            failure, cancelled));
        });
    }

    private GaiaException scrubbed(String operation, String apiKey, Throwable failure) {
        GaiaException gaia = GaiaFailures.classify(failure);
        reachability.record(gaia);
        metrics.gaiaError(operation, gaia.kind());
        return gaia.redact(apiKey);
    }

    private static ArrayNode datasetsOf(JsonNode body) {
        JsonNode list = body.isArray() ? body : body.path("datasets");
        if (list.isArray()) {
            return (ArrayNode) list;
        }
        if (list.isMissingNode() || list.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        throw GaiaException.of(Kind.BAD_RESPONSE, "Gaia's dataset list was not a list", null);
    }
}
