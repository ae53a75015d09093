package floor;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** The service's GaiaClient reduced to the two calls the benchmark measures, with nothing registered on it. */
@RegisterRestClient(configKey = "gaia")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface GaiaClient {

    @GET
    @Path("/datasets")
    Uni<JsonNode> listDatasets(@HeaderParam("apiKey") String apiKey);

    @POST
    @Path("/ask")
    Uni<JsonNode> ask(@HeaderParam("apiKey") String apiKey, JsonNode request);
}
