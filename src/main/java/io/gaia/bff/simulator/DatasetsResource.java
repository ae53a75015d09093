package io.gaia.bff.simulator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.gaia.bff.simulator.api.DatasetDetails;
import io.gaia.bff.simulator.api.DatasetList;
import io.quarkus.arc.properties.IfBuildProperty;

/** Gaia's dataset reads: plural path for the collection, singular for one dataset. */
@Path("/gaia-sim")
@SimulatorApi
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "gaia-simulator.enabled", stringValue = "true")
public class DatasetsResource {

    private final DatasetCatalog catalog;

    public DatasetsResource(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("/datasets")
    public DatasetList list(@QueryParam("prefix") String prefix) {
        return new DatasetList(catalog.list(prefix));
    }

    @GET
    @Path("/dataset/{name}/details")
    public DatasetDetails details(@PathParam("name") String name) {
        return catalog.details(name);
    }
}
