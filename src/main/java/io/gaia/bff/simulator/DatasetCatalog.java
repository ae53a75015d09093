package io.gaia.bff.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.gaia.bff.simulator.api.DatasetDetails;
import io.gaia.bff.simulator.api.GaiaDataset;
import io.gaia.bff.simulator.api.GaiaErrors;
import io.gaia.bff.simulator.corpus.DemoCorpus;
import io.gaia.bff.simulator.corpus.DemoDataset;
import io.quarkus.arc.properties.IfBuildProperty;

/** The demo datasets as Gaia describes them, with a live query counter like a real tenant's. */
@ApplicationScoped
@IfBuildProperty(name = "gaia-simulator.enabled", stringValue = "true")
public class DatasetCatalog {

    private static final Duration REINDEX_INTERVAL = Duration.ofDays(7);

    private final DemoCorpus corpus;
    private final Map<String, AtomicLong> queries = new ConcurrentHashMap<>();

    public DatasetCatalog(DemoCorpus corpus) {
        this.corpus = corpus;
        corpus.datasets().forEach(d -> queries.put(d.name(), new AtomicLong(d.queriesBeforeStart())));
    }

    public List<GaiaDataset> list(String prefix) {
        return corpus.datasets().stream()
                .filter(d -> prefix == null || d.name().startsWith(prefix))
                .map(this::describe)
                .toList();
    }

    public DemoDataset require(String name) {
        return corpus.dataset(name).orElseThrow(() -> GaiaErrors.notFound("Dataset '" + name + "' not found"));
    }

    public void countQuery(DemoDataset dataset) {
        queries.get(dataset.name()).incrementAndGet();
    }

    public DatasetDetails details(String name) {
        DemoDataset dataset = require(name);
        GaiaDataset.IndexingRun last = run(dataset, dataset.lastIndexedAt());
        GaiaDataset.IndexingRun previous = run(dataset, dataset.lastIndexedAt().minus(REINDEX_INTERVAL));
        List<DatasetDetails.IndexedObject> objects = dataset.documents().stream()
                .map(doc -> new DatasetDetails.IndexedObject(doc.documentId(), doc.name(), doc.absolutePath(),
                        "kIndexed", doc.sizeBytes(), (int) corpus.passageCount(doc)))
                .toList();
        return new DatasetDetails(dataset.name(), dataset.id(), last, List.of(last, previous), objects);
    }

    private GaiaDataset describe(DemoDataset dataset) {
        return new GaiaDataset(
                dataset.name(),
                dataset.id(),
                dataset.description(),
                dataset.documents().size(),
                queries.get(dataset.name()).get(),
                List.of(new GaiaDataset.DataSource("CohesityView", dataset.viewName(), List.of("/"), List.of())),
                new GaiaDataset.IndexingWindow("kDaily", "01:00", "05:00", "UTC"),
                dataset.userIds(),
                run(dataset, dataset.lastIndexedAt()));
    }

    private GaiaDataset.IndexingRun run(DemoDataset dataset, Instant endedAt) {
        Instant startedAt = endedAt.minus(dataset.indexingTook());
        long passages = dataset.documents().stream().mapToLong(corpus::passageCount).sum();
        long bytes = dataset.documents().stream().mapToLong(d -> d.sizeBytes()).sum();
        return new GaiaDataset.IndexingRun(
                dataset.id() + ":" + DemoCorpus.micros(startedAt),
                "kSucceeded",
                DemoCorpus.micros(startedAt),
                DemoCorpus.micros(endedAt),
                new GaiaDataset.Stats(dataset.documents().size(), 0, 0, passages, bytes),
                "kHealthy",
                new GaiaDataset.Progress("kCompleted", 100));
    }
}
