package io.gaia.bff.datasets;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The fields a Gaia dataset is known to carry, for the API document only. The service never builds
 * one: it passes Gaia's objects through unchanged (a fixed model is what made the reference backend
 * drop fields), so every field is optional and Gaia may send more.
 */
@Schema(name = "GaiaDataset", description = "A dataset exactly as Gaia sent it; these are the fields Gaia is known to send",
        additionalProperties = Schema.True.class)
record GaiaDataset(
        @Schema(description = "What datasetNames and the details route take", example = "team-handbook") String name,
        @Schema(description = "Gaia's hex id of the dataset") String id,
        String description,
        @Schema(description = "Objects indexed") Long numObjects,
        @Schema(description = "Questions asked of it") Long numQueries,
        @Schema(type = SchemaType.ARRAY, implementation = Object.class) Object dataSources,
        @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class) Object indexingWindow,
        @Schema(type = SchemaType.ARRAY, implementation = String.class) Object userIds,
        @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                description = "startTimeUsecs, endTimeUsecs, stats, health, progress") Object lastIndexingRun) {
}
