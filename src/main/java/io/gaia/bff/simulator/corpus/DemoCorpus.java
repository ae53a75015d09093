package io.gaia.bff.simulator.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo datasets shipped under {@code src/main/resources/simulator/}. Resources inside a jar cannot
 * be listed, so {@code datasets.json} names every dataset and its files.
 */
public final class DemoCorpus {

    static final String ROOT = "simulator/";
    static final String MANIFEST = ROOT + "datasets.json";

    private final List<DemoDataset> datasets;
    private final List<Passage> passages;

    private DemoCorpus(List<DemoDataset> datasets) {
        this.datasets = List.copyOf(datasets);
        List<Passage> all = new ArrayList<>();
        for (DemoDataset dataset : datasets) {
            for (DemoDocument document : dataset.documents()) {
                all.addAll(PassageSplitter.split(document, all.size()));
            }
        }
        this.passages = List.copyOf(all);
    }

    public static DemoCorpus load(ObjectMapper mapper) {
        try {
            Manifest manifest = mapper.readValue(read(MANIFEST), Manifest.class);
            return new DemoCorpus(manifest.datasets().stream().map(DemoCorpus::toDataset).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Gaia simulator's demo datasets", e);
        }
    }

    public List<DemoDataset> datasets() {
        return datasets;
    }

    public Optional<DemoDataset> dataset(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public List<Passage> passages() {
        return passages;
    }

    public long passageCount(DemoDocument document) {
        return passages.stream().filter(p -> p.document().equals(document)).count();
    }

    private static DemoDataset toDataset(Manifest.Dataset entry) {
        List<DemoDocument> documents = entry.documents().stream().map(doc -> toDocument(entry, doc)).toList();
        return new DemoDataset(entry.name(), entry.id(), entry.description(), entry.viewName(), entry.userIds(),
                Instant.parse(entry.lastIndexedAt()), Duration.ofSeconds(entry.indexingSeconds()),
                entry.queriesBeforeStart(), documents);
    }

    private static DemoDocument toDocument(Manifest.Dataset dataset, Manifest.Document entry) {
        String text = read(ROOT + entry.file());
        String name = entry.file().substring(entry.file().lastIndexOf('/') + 1);
        String folder = "/" + dataset.viewName() + entry.folder();
        String path = folder + "/" + name;
        return new DemoDocument(
                hexId(dataset.id() + path),
                name,
                PassageSplitter.title(text, name),
                path,
                hexId(dataset.id() + folder),
                dataset.id(),
                dataset.viewName(),
                text.getBytes(StandardCharsets.UTF_8).length,
                micros(Instant.parse(entry.lastModified())),
                text);
    }

    /** Stable ids, so a document keeps its id across restarts as it would on a real tenant. */
    private static String hexId(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
    }

    private static String read(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = DemoCorpus.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing simulator resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Manifest(List<Dataset> datasets) {

        record Dataset(String name, String id, String description, String viewName, List<String> userIds,
                String lastIndexedAt, long indexingSeconds, long queriesBeforeStart, List<Document> documents) {
        }

        /** {@code folder} is the path inside the view, e.g. {@code /policies}. */
        record Document(String file, String folder, String lastModified) {
        }
    }
}
