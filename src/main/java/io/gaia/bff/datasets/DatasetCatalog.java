package io.gaia.bff.datasets;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.gaia.bff.gaia.GaiaService;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/**
 * Dataset lists, cached briefly per key and prefix (DATASET_CACHE_SECONDS): a page that lists
 * datasets on every render must not hammer Gaia. Keyed by the key's hash, never the key itself.
 * Failures are not cached.
 */
@ApplicationScoped
public class DatasetCatalog {

    public static final String CACHE = "gaia-datasets";

    private final GaiaService gaia;

    public DatasetCatalog(GaiaService gaia) {
        this.gaia = gaia;
    }

    @CacheResult(cacheName = CACHE)
    public Uni<ArrayNode> list(@CacheKey String keyId, @CacheKey String prefix, String apiKey) {
        return gaia.listDatasets(apiKey, prefix.isEmpty() ? null : prefix);
    }
}
