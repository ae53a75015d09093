package io.gaia.bff.datasets;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ArrayNode;

public record DatasetList(
        @Schema(required = true, description = "Gaia's dataset objects exactly as Gaia sent them",
                type = SchemaType.ARRAY, implementation = GaiaDataset.class)
        ArrayNode datasets) {
}
