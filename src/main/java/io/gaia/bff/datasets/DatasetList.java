package io.gaia.bff.datasets;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ArrayNode;

public record DatasetList(
        @Schema(description = "Gaia's dataset objects exactly as Gaia sent them (name, id, numObjects, lastIndexingRun, ...)",
                type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                implementation = Object.class)
        ArrayNode datasets) {
}
