package io.gaia.bff.simulator.corpus;

/** One shipped text file, with the identity Gaia would give the indexed object. */
public record DemoDocument(
        String documentId,
        String name,
        String title,
        String absolutePath,
        String folderId,
        String datasetId,
        String viewName,
        long sizeBytes,
        long lastModifiedTimeUsecs,
        String text) {
}
