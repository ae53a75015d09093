package io.gaia.bff.simulator.api;

import java.util.List;

/** The envelope of {@code GET /datasets}. */
public record DatasetList(List<GaiaDataset> datasets) {
}
