package io.gaia.bff.gaia;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.gaia.bff.config.GaiaConfig;
import io.gaia.bff.config.Seconds;
import io.gaia.bff.gaia.GaiaException.Kind;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * SmallRye Fault Tolerance around the non-streaming Gaia calls (programmatic API, so one circuit
 * breaker serves every call while only reads retry):
 * <ul>
 * <li>{@link #call}: the circuit breaker and the bulkhead (concurrency limit). Every non-streaming
 * call passes here once per attempt.</li>
 * <li>{@link #read}: retries, with jittered exponential backoff, around {@link #call}; each attempt
 * passes the breaker and the bulkhead again. Only for idempotent reads, never for an ask or a
 * login.</li>
 * </ul>
 * Calls the guards refuse fail with a {@link GaiaException} of kind {@link Kind#CIRCUIT_OPEN} or
 * {@link Kind#BUSY} carrying a Retry-After. Streams are not guarded; {@link #refuseIfOpen()} lets
 * them fail fast while the breaker is open.
 */
@ApplicationScoped
public class GaiaGuards {

    public static final String BREAKER = "gaia";

    private static final Logger LOG = Logger.getLogger(GaiaGuards.class);
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final Guard breakerAndBulkhead;
    private final Guard retry;
    private final Duration breakerDelay;
    private final AtomicReference<CircuitBreakerState> state = new AtomicReference<>(CircuitBreakerState.CLOSED);
    private final AtomicLong openedAtNanos = new AtomicLong();

    public GaiaGuards(GaiaConfig config) {
        this.breakerDelay = Seconds.toDuration(config.breaker().delay());
        this.breakerAndBulkhead = Guard.create()
                .withDescription("Gaia calls")
                .withCircuitBreaker()
                    .name(BREAKER)
                    .requestVolumeThreshold(config.breaker().requestVolume())
                    .failureRatio(config.breaker().failureRatio())
                    .delay(breakerDelay.toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .when(GaiaFailures::isGaiaFault)
                    .onStateChange(this::changed)
                    .done()
                .withBulkhead()
                    .limit(config.maxConcurrentCalls())
                    .queueSize(1)
                    .done()
                .build();
        GaiaConfig.Retry settings = config.retry();
        long delayMillis = Seconds.toDuration(settings.delay()).toMillis();
        // SmallRye refuses (at the first call) a deadline not longer than the first delay, or a
        // longest wait not shorter than the deadline; any combination of settings is made valid here.
        long deadlineMillis = Math.max(delayMillis + 2, config.retryDeadlineDuration().toMillis());
        long maxDelayMillis = Math.max(delayMillis,
                Math.min(Seconds.toDuration(settings.maxDelay()).toMillis(), deadlineMillis - 1));
        this.retry = Guard.create()
                .withDescription("Gaia reads")
                .withRetry()
                    .maxRetries(settings.max())
                    .delay(delayMillis, ChronoUnit.MILLIS)
                    .jitter(Math.max(1, delayMillis / 2), ChronoUnit.MILLIS)
                    .maxDuration(deadlineMillis, ChronoUnit.MILLIS)
                    .whenException(GaiaFailures::isTransient)
                    .withExponentialBackoff()
                        .factor(2)
                        .maxDelay(maxDelayMillis, ChronoUnit.MILLIS)
                        .done()
                    .done()
                .build();
    }

    /** One attempt of a Gaia call, through the breaker and the bulkhead. {@code attempt} must fail with GaiaExceptions. */
    public <T> Uni<T> call(Supplier<Uni<T>> attempt) {
        return Uni.createFrom().deferred(() -> guarded(breakerAndBulkhead, attempt))
                .onFailure().transform(this::refusal);
    }

    /** An idempotent read: retried on transient failures, every attempt through {@link #call}. */
    public <T> Uni<T> read(Supplier<Uni<T>> attempt) {
        return Uni.createFrom().deferred(() -> guarded(retry, () -> call(attempt)));
    }

    /** Fails fast while the breaker is open, for calls (streams) that do not pass {@link #call}. */
    public void refuseIfOpen() {
        if (state() == CircuitBreakerState.OPEN) {
            throw openRefusal();
        }
    }

    public CircuitBreakerState state() {
        try {
            return CircuitBreakerMaintenance.get().currentState(BREAKER);
        } catch (IllegalArgumentException notYetRegistered) {
            return CircuitBreakerState.CLOSED; // no Gaia call yet
        }
    }

    /** Seconds until an open breaker lets a trial call through, at least 1. */
    public long retryAfterSeconds() {
        long elapsed = System.nanoTime() - openedAtNanos.get();
        long remaining = breakerDelay.toNanos() - elapsed;
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }

    /** Closes the breaker and forgets its history (tests, operators). */
    public void reset() {
        try {
            CircuitBreakerMaintenance.get().reset(BREAKER);
        } catch (IllegalArgumentException notYetRegistered) {
            // nothing to reset
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static <T> Uni<T> guarded(Guard guard, Supplier<Uni<T>> attempt) {
        return (Uni<T>) guard.get((Supplier) attempt, UNI);
    }

    private void changed(CircuitBreakerState now) {
        if (now == CircuitBreakerState.OPEN) {
            openedAtNanos.set(System.nanoTime());
        }
        CircuitBreakerState before = state.getAndSet(now);
        if (before != now) {
            LOG.warnf("Gaia circuit breaker %s -> %s", before, now);
        }
    }

    private Throwable refusal(Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return openRefusal();
        }
        if (failure instanceof BulkheadException) {
            return GaiaException.refused(Kind.BUSY,
                    "This service has too many Gaia calls in flight; try again shortly", 1);
        }
        return failure;
    }

    private GaiaException openRefusal() {
        long wait = retryAfterSeconds();
        return GaiaException.refused(Kind.CIRCUIT_OPEN,
                "Gaia failed repeatedly; calls are paused for " + wait + " s before trying again", wait);
    }
}
