package io.gaia.bff.observability;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.gaia.bff.ask.OpenStreams;
import io.gaia.bff.config.MetricsConfig;
import io.gaia.bff.gaia.AnswerMemory;
import io.gaia.bff.gaia.GaiaException;
import io.gaia.bff.gaia.GaiaGuards;
import io.gaia.bff.problem.ApiException;
import io.gaia.bff.session.SessionService;
import io.gaia.bff.session.SessionStoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;

/**
 * The service's own metrics (Prometheus at /q/metrics). Every tag value comes from a fixed set
 * chosen here: an operation name, an outcome, a failure kind. Nothing a client typed (key, session
 * id, dataset name, question) can ever become a label.
 */
@Startup
@ApplicationScoped
public class BffMetrics {

    /** The Gaia operations, as the {@code operation} tag spells them. */
    public static final String DATASETS = "datasets";
    public static final String DATASET_DETAILS = "dataset_details";
    public static final String ASK = "ask";
    public static final String ASK_STREAM = "ask_stream";
    /** The key check of a login. */
    public static final String LOGIN = "login";
    /** The reachability probe (readiness data), with GAIA_API_KEY or without a key. */
    public static final String PROBE = "probe";

    /** Login outcomes, as the {@code outcome} tag spells them. */
    public enum LoginOutcome {
        SUCCESS, INVALID_KEY, GAIA_ERROR, RATE_LIMITED, SESSION_LIMIT, STORE_UNAVAILABLE, ERROR;

        /**
         * The outcome of a login that ended with this failure (null: it succeeded), wherever it was
         * refused: by the rate limit before it ran (LoginAttempt) or by the key check and the session.
         */
        public static LoginOutcome of(Throwable failure) {
            if (failure == null) {
                return SUCCESS;
            }
            if (failure instanceof GaiaException) {
                return GAIA_ERROR;
            }
            if (failure instanceof SessionStoreUnavailableException) {
                return STORE_UNAVAILABLE;
            }
            if (failure instanceof ApiException api) {
                return switch (api.code()) {
                    case INVALID_API_KEY -> INVALID_KEY;
                    case GAIA_ERROR -> GAIA_ERROR;
                    case TOO_MANY_SESSIONS, TOO_MANY_SESSIONS_FOR_KEY -> SESSION_LIMIT;
                    case RATE_LIMITED -> RATE_LIMITED;
                    case SESSION_STORE_UNAVAILABLE -> STORE_UNAVAILABLE;
                    default -> ERROR;
                };
            }
            return ERROR;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final SessionService sessions;
    /**
     * The store is asynchronous (maybe remote): the gauge shows the last count, refreshed periodically,
     * and NaN until the first count and whenever the store cannot be counted. A flat line at the
     * last count while Redis was down read as "all is well".
     */
    private volatile double liveSessions = Double.NaN;

    /**
     * {@code settings} is injected, though the refresh schedule reads the same property, because
     * Quarkus checks only the config mappings something injects: without it, a bad
     * METRICS_SESSIONS_REFRESH reached the scheduler and stopped the start with a stack trace.
     */
    public BffMetrics(MeterRegistry registry, SessionService sessions, OpenStreams streams, GaiaGuards guards,
            AnswerMemory answers, MetricsConfig settings) {
        this.registry = registry;
        this.sessions = sessions;
        Gauge.builder("bff.streams.open", streams, OpenStreams::count)
                .description("Answer streams (SSE and WebSocket) open on this instance").register(registry);
        Gauge.builder("bff.sessions.active", this, metrics -> metrics.liveSessions)
                .description("Sessions in the session store (refreshed every " + settings.sessionsRefresh()
                        + ", METRICS_SESSIONS_REFRESH; expired sessions not yet purged included; NaN while the "
                        + "store cannot be counted)")
                .register(registry);
        Gauge.builder("bff.gaia.answer.memory", answers, AnswerMemory::heldBytes).baseUnit("bytes")
                .description("Gaia's answers held in memory while they arrive, all calls and streams together")
                .register(registry);
        Gauge.builder("bff.gaia.answer.memory.limit", answers, AnswerMemory::limitBytes).baseUnit("bytes")
                .description("The most of Gaia's answers held at once (GAIA_ANSWER_MEMORY_MB); beyond, 503 GAIA_BUSY")
                .register(registry);
        // One series per state, 1 for the current one: alerts read "open == 1" without a value table.
        for (CircuitBreakerState state : CircuitBreakerState.values()) {
            Gauge.builder("gaia.breaker.state", guards, g -> g.state() == state ? 1 : 0)
                    .description("The Gaia circuit breaker: 1 for its current state (closed, open, half_open)")
                    .tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    @Scheduled(every = "${metrics.sessions-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshSessions() {
        return sessions.liveSessions()
                .invoke(count -> liveSessions = count)
                .onFailure().invoke(failure -> liveSessions = Double.NaN)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Timer.Sample startGaiaCall() {
        return Timer.start(registry);
    }

    /** One Gaia call ended: its latency by operation and outcome, and the failure's kind if it failed. */
    public void gaiaCallEnded(Timer.Sample sample, String operation, Throwable failure, boolean cancelled) {
        String outcome;
        if (failure instanceof GaiaException gaia) {
            outcome = kindTag(gaia.kind());
        } else if (failure != null) {
            outcome = "error";
        } else {
            outcome = cancelled ? "cancelled" : "success";
        }
        sample.stop(Timer.builder("gaia.client.requests")
                .description("Calls to Gaia by operation and outcome (ask_stream: until the stream ends)")
                .tag("operation", operation).tag("outcome", outcome)
                .publishPercentileHistogram(false)
                .register(registry));
    }

    public void gaiaError(String operation, GaiaException.Kind kind) {
        Counter.builder("gaia.errors").description("Failed Gaia calls by kind of failure")
                .tag("operation", operation).tag("kind", kindTag(kind)).register(registry).increment();
    }

    public void login(LoginOutcome outcome) {
        Counter.builder("bff.logins").description("Login attempts by outcome")
                .tag("outcome", outcome.tag()).register(registry).increment();
    }

    private static String kindTag(GaiaException.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
