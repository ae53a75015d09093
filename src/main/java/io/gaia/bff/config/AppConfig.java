package io.gaia.bff.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Service-wide settings: APP_NAME and ALLOW_CORS_ORIGIN keep the seed's names. */
@ConfigMapping(prefix = "app")
public interface AppConfig extends CheckedSettings {

    @WithDefault("Gaia BFF")
    String name();

    /** ALLOW_CORS_ORIGIN as written, comma-separated; Quarkus's CORS filter reads it itself. */
    @WithName("cors-origins")
    List<String> corsOriginsSetting();

    /** Browser origins allowed to call the API, as the CORS filter reads them: "a, b" is a and b. */
    default List<String> corsOrigins() {
        return corsOriginsSetting().stream().map(String::strip).toList();
    }

    /** Seconds a dataset list stays cached per API key (DATASET_CACHE_SECONDS; 0 turns caching off). */
    @WithDefault("30")
    long datasetCacheSeconds();

    /**
     * Seconds the service goes on answering after SIGTERM, not ready (SHUTDOWN_DELAY_SECONDS), and
     * then the seconds in-flight requests get to finish (SHUTDOWN_TIMEOUT_SECONDS). Quarkus reads them
     * from here; checked here because it takes a negative one and silently skips the drain.
     */
    @WithDefault("5")
    double shutdownDelay();

    @WithDefault("10")
    double shutdownTimeout();

    /**
     * One JSON object per log line (LOG_JSON); Quarkus reads it from here. Only true or false is taken
     * (UnreadableSettings): any other word would switch production logs to text and break a pipeline
     * that reads one JSON object per line.
     */
    @WithDefault("true")
    boolean logJson();

    /**
     * The root log level (LOG_LEVEL); Quarkus reads it from here. Checked here so that LOG_LEVEL=verbose
     * is refused naming LOG_LEVEL and the levels there are, not only the property quarkus.log.level.
     */
    @WithDefault("INFO")
    LogLevel logLevel();

    /** The OTLP endpoint traces go to (OTEL_EXPORTER_OTLP_ENDPOINT); the exporter reads it itself. */
    Optional<String> tracingEndpoint();

    @Override
    default void check(SettingProblems problems) {
        problems.require(corsOrigins().stream().allMatch(origin -> origin.matches("\\*|https?://[^\\s/?#]+")),
                "cors-origins",
                "(ALLOW_CORS_ORIGIN) must list origins like http://localhost:5173 (scheme, host and port, no path)");
        problems.require(datasetCacheSeconds() >= 0, "dataset-cache-seconds",
                "(DATASET_CACHE_SECONDS) must be zero or a positive number of seconds");
        problems.require(shutdownDelay() >= 0, "shutdown-delay",
                "(SHUTDOWN_DELAY_SECONDS) must be zero or a positive number of seconds");
        problems.require(shutdownTimeout() >= 0, "shutdown-timeout",
                "(SHUTDOWN_TIMEOUT_SECONDS) must be zero or a positive number of seconds");
        tracingEndpoint().ifPresent(url -> problems.httpUrl("tracing-endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT", url.strip(),
                "an http:// or https:// URL such as http://otel-collector:4317"));
    }
}
