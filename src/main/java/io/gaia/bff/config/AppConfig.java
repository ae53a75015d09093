package io.gaia.bff.config;

import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Service-wide settings: APP_NAME and ALLOW_CORS_ORIGIN keep the seed's names. */
@ConfigMapping(prefix = "app")
public interface AppConfig {

    @WithDefault("Gaia BFF")
    String name();

    /** Browser origins allowed to call the API (ALLOW_CORS_ORIGIN, comma-separated). */
    List<@Pattern(regexp = "\\*|https?://[^\\s/?#]+", message = "(ALLOW_CORS_ORIGIN) must list origins like http://localhost:5173 (scheme, host and port, no path)") String> corsOrigins();

    /** Seconds a dataset list stays cached per API key (DATASET_CACHE_SECONDS; 0 turns caching off). */
    @WithDefault("30")
    @PositiveOrZero(message = "(DATASET_CACHE_SECONDS) must be zero or a positive number of seconds")
    long datasetCacheSeconds();
}
