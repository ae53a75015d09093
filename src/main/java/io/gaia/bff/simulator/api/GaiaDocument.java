package io.gaia.bff.simulator.api;

import java.util.List;

/** A cited document, in the shape Gaia returns it in {@code documents}. */
public record GaiaDocument(
        String documentId,
        String name,
        String absolutePath,
        String type,
        String datasetId,
        String folderId,
        List<Citation> citations,
        ObjectInfo objectInfo) {

    public record Citation(double cosineScore, String textSnippet) {
    }

    public record ObjectInfo(
            String title,
            String sourceType,
            String viewName,
            long sizeBytes,
            long lastModifiedTimeUsecs) {
    }
}
