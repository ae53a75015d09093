package io.gaia.bff.simulator.corpus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

public record DemoDataset(
        String name,
        String id,
        String description,
        String viewName,
        List<String> userIds,
        Instant lastIndexedAt,
        Duration indexingTook,
        long queriesBeforeStart,
        List<DemoDocument> documents) {
}
