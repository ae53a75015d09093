package io.gaia.bff.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Service-wide settings: APP_NAME and ALLOW_CORS_ORIGIN keep the seed's names. */
@ConfigMapping(prefix = "app")
public interface AppConfig extends CheckedSettings {

    @WithDefault("Gaia BFF")
    String name();

    /** Browser origins allowed to call the API (ALLOW_CORS_ORIGIN, comma-separated). */
    List<String> corsOrigins();

    /** Seconds a dataset list stays cached per API key (DATASET_CACHE_SECONDS; 0 turns caching off). */
    @WithDefault("30")
    long datasetCacheSeconds();

    @Override
    default void check(SettingProblems problems) {
        problems.require(corsOrigins().stream().allMatch(origin -> origin.matches("\\*|https?://[^\\s/?#]+")),
                "cors-origins",
                "(ALLOW_CORS_ORIGIN) must list origins like http://localhost:5173 (scheme, host and port, no path)");
        problems.require(datasetCacheSeconds() >= 0, "dataset-cache-seconds",
                "(DATASET_CACHE_SECONDS) must be zero or a positive number of seconds");
    }
}
