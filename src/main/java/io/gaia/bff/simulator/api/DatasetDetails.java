package io.gaia.bff.simulator.api;

import java.util.List;

/** Body of {@code GET /dataset/{name}/details}: the dataset's indexing runs and what they indexed. */
public record DatasetDetails(
        String name,
        String id,
        GaiaDataset.IndexingRun lastIndexingRun,
        List<GaiaDataset.IndexingRun> indexingRuns,
        List<IndexedObject> objects) {

    public record IndexedObject(
            String documentId,
            String name,
            String absolutePath,
            String status,
            long sizeBytes,
            int numPassages) {
    }
}
