package io.gaia.bff.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * How to reach Gaia. The environment names are the seed service's: GAIA_BASE_URL, GAIA_API_KEY,
 * GAIA_VERIFY_SSL and REQUEST_TIMEOUT_SECONDS (see application.yaml). The problems {@link #check}
 * reports name the environment variable because that is what an operator set.
 */
@ConfigMapping(prefix = "gaia")
public interface GaiaConfig extends CheckedSettings {

    /** Gaia's API root, e.g. https://helios.cohesity.com/v2/mcm/gaia. */
    String baseUrl();

    /** GAIA_API_KEY as written; {@link #apiKey()} is what is used. */
    @WithName("api-key")
    Optional<String> apiKeySetting();

    /**
     * A server-side key used only to check that Gaia is reachable (readiness data); never used for a
     * user's request.
     */
    default Optional<String> apiKey() {
        return HeaderSetting.of(apiKeySetting());
    }

    /**
     * false trusts any certificate, for self-signed Gaia clusters (GAIA_VERIFY_SSL). Only true or false
     * is taken (UnreadableSettings): read as a boolean, a typo such as "ture" would be false and turn
     * certificate checks off.
     */
    @WithDefault("true")
    boolean verifySsl();

    /** Seconds a non-streaming Gaia call may take before the user gets a 504. */
    @WithDefault("60")
    double requestTimeout();

    /**
     * Seconds to wait for a TCP (and TLS) connection to Gaia, for every call including streams. Never
     * longer than the request timeout: the effective value is the smaller of the two.
     */
    @WithDefault("5")
    double connectTimeout();

    /**
     * The most non-streaming Gaia calls in flight at once, across all sessions; beyond it (and a
     * one-call wait queue) a call is refused at once with 503 GAIA_BUSY. Streams have their own limit
     * (STREAM_MAX_CONCURRENT).
     */
    @WithDefault("500")
    int maxConcurrentCalls();

    /** Pooled connections to Gaia for the non-streaming calls, shared by every session. */
    @WithDefault("500")
    int connectionPoolSize();

    /**
     * The most of Gaia's answers, in MiB, held in memory at once across all calls and streams
     * (GAIA_ANSWER_MEMORY_MB); beyond it an answer fails with 503 GAIA_BUSY. Unset: a quarter of the
     * heap, at least 8 MiB. Below 8 an answer near the 8 MiB per-answer cap can never be read.
     */
    Optional<Integer> answerMemoryMb();

    /** Retries of idempotent reads (dataset list and details); never of asks, logins or streams. */
    Retry retry();

    /** The one circuit breaker in front of every non-streaming Gaia call. */
    Breaker breaker();

    interface Retry {

        /** Retries after the first attempt; 0 disables retrying. */
        @WithDefault("2")
        int max();

        /** Seconds before the first retry; each next wait doubles, up to {@link #maxDelay()}. */
        @WithDefault("0.2")
        double delay();

        /** The longest wait between two attempts, in seconds. */
        @WithDefault("2")
        double maxDelay();

        /**
         * Seconds after the first attempt started past which no new attempt starts (one already
         * running still gets its full request timeout). Unset: REQUEST_TIMEOUT_SECONDS.
         */
        Optional<Double> deadline();
    }

    interface Breaker {

        /** Share of failed calls among the last {@link #requestVolume()} calls that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How many recent calls the failure ratio is taken over (the rolling window). */
        @WithDefault("20")
        int requestVolume();

        /** Seconds the breaker stays open before it lets one trial call through. */
        @WithDefault("30")
        double delay();
    }

    /** GAIA_SECURITY_CONTEXT as written; {@link #securityContext()} is what is sent. */
    @WithName("security-context")
    Optional<String> securityContextSetting();

    /** Optional X-GAIA-SECURITY-CTX header value for multi-tenant clusters. */
    default Optional<String> securityContext() {
        return HeaderSetting.of(securityContextSetting());
    }

    /** How often the service checks on its own that Gaia answers ("off" to disable). */
    @WithDefault("30s")
    String reachabilityProbeInterval();

    /** The base URL without a trailing slash, so paths join cleanly. */
    default URI baseUri() {
        String url = baseUrl();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return URI.create(url);
    }

    default Duration requestTimeoutDuration() {
        return Seconds.toDuration(requestTimeout());
    }

    /** GAIA_CONNECT_TIMEOUT_SECONDS, capped at REQUEST_TIMEOUT_SECONDS. */
    default Duration connectTimeoutDuration() {
        return Seconds.toDuration(Math.min(connectTimeout(), requestTimeout()));
    }

    default Duration retryDeadlineDuration() {
        return Seconds.toDuration(retry().deadline().orElse(requestTimeout()));
    }

    @Override
    default void check(SettingProblems problems) {
        problems.httpUrl("base-url", "GAIA_BASE_URL", baseUrl(), "an absolute http:// or https:// URL without query or fragment");
        problems.positiveSeconds("request-timeout", "REQUEST_TIMEOUT_SECONDS", requestTimeout());
        problems.headerValue("api-key", "GAIA_API_KEY", apiKey());
        problems.headerValue("security-context", "GAIA_SECURITY_CONTEXT", securityContext());
        problems.positiveSeconds("connect-timeout", "GAIA_CONNECT_TIMEOUT_SECONDS", connectTimeout());
        problems.require(maxConcurrentCalls() >= 1, "max-concurrent-calls",
                "(GAIA_MAX_CONCURRENT_CALLS) must be at least 1");
        problems.positive("connection-pool-size", "GAIA_CONNECTION_POOL_SIZE", connectionPoolSize());
        answerMemoryMb().ifPresent(mib -> problems.positive("answer-memory-mb", "GAIA_ANSWER_MEMORY_MB", mib));
        problems.interval("reachability-probe-interval", "GAIA_PROBE_INTERVAL", reachabilityProbeInterval(), true);
        problems.require(retry().max() >= 0, "retry.max", "(GAIA_RETRY_MAX) must be 0 or more");
        problems.positiveSeconds("retry.delay", "GAIA_RETRY_DELAY_SECONDS", retry().delay());
        problems.positiveSeconds("retry.max-delay", "GAIA_RETRY_MAX_DELAY_SECONDS", retry().maxDelay());
        retry().deadline().ifPresent(
                seconds -> problems.positiveSeconds("retry.deadline", "GAIA_RETRY_DEADLINE_SECONDS", seconds));
        problems.require(breaker().failureRatio() >= 0.01 && breaker().failureRatio() <= 1, "breaker.failure-ratio",
                "(GAIA_BREAKER_FAILURE_RATIO) must be between 0.01 and 1");
        problems.require(breaker().requestVolume() >= 1, "breaker.request-volume",
                "(GAIA_BREAKER_REQUEST_VOLUME) must be at least 1");
        problems.positiveSeconds("breaker.delay", "GAIA_BREAKER_DELAY_SECONDS", breaker().delay());
    }
}
