package io.gaia.bff.ask;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The fields a document Gaia cites is known to carry, for the API document only. The service never
 * builds one: it passes Gaia's documents through unchanged, so every field is optional and Gaia may
 * send more.
 */
@Schema(name = "GaiaDocument", description = "A cited document exactly as Gaia sent it; these are the fields Gaia is known to send",
        additionalProperties = Schema.True.class)
public record GaiaDocument(
        String documentId,
        @Schema(description = "The document's file name") String name,
        String absolutePath,
        String type,
        String datasetId,
        String folderId,
        @Schema(description = "The passages the answer drew on") List<Citation> citations,
        @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class) Object objectInfo) {

    @Schema(name = "GaiaCitation", additionalProperties = Schema.True.class)
    record Citation(
            @Schema(description = "How close the passage is to the question, 0 to 1") Double cosineScore,
            @Schema(description = "The passage's text") String textSnippet) {
    }
}
