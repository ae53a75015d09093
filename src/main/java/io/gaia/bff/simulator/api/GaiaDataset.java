package io.gaia.bff.simulator.api;

import java.util.List;

/** A dataset as {@code GET /datasets} lists it. */
public record GaiaDataset(
        String name,
        String id,
        String description,
        long numObjects,
        long numQueries,
        List<DataSource> dataSources,
        IndexingWindow indexingWindow,
        List<String> userIds,
        IndexingRun lastIndexingRun) {

    public record DataSource(String sourceType, String viewName, List<String> includePaths, List<String> excludePaths) {
    }

    public record IndexingWindow(String schedule, String startTime, String endTime, String timezone) {
    }

    public record IndexingRun(
            String runId,
            String status,
            long startTimeUsecs,
            long endTimeUsecs,
            Stats stats,
            String health,
            Progress progress) {
    }

    public record Stats(long numObjectsIndexed, long numObjectsFailed, long numObjectsSkipped, long numPassages,
            long totalBytes) {
    }

    public record Progress(String status, int percentCompleted) {
    }
}
