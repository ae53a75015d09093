package io.gaia.bff.datasets;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.gaia.bff.docs.ApiDocumentation;
import io.gaia.bff.gaia.GaiaService;
import io.gaia.bff.gaia.UpstreamText;
import io.gaia.bff.session.CurrentSession;
import io.gaia.bff.session.Session;
import io.gaia.bff.session.SessionRequired;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/datasets")
@Tag(name = "Datasets", description = "The Gaia datasets the session's key can see")
@Produces(MediaType.APPLICATION_JSON)
@SessionRequired
@SecurityRequirement(name = ApiDocumentation.SESSION)
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
@APIResponse(responseCode = "409", ref = "GaiaRejected")
@APIResponse(responseCode = "422", ref = "GaiaRejected")
@APIResponse(responseCode = "429", ref = "RateLimited")
@APIResponse(responseCode = "502", ref = "GaiaFailed")
@APIResponse(responseCode = "503", ref = "Unavailable")
@APIResponse(responseCode = "504", ref = "GaiaTimeout")
public class DatasetResource {

    private final DatasetCatalog catalog;
    private final GaiaService gaia;
    private final CurrentSession current;

    public DatasetResource(DatasetCatalog catalog, GaiaService gaia, CurrentSession current) {
        this.catalog = catalog;
        this.gaia = gaia;
        this.current = current;
    }

    @GET
    @Operation(operationId = "listDatasets", summary = "List datasets", description = "Gaia's dataset objects, unchanged. Cached for a few seconds per key.")
    @APIResponse(responseCode = "200", description = "The datasets")
    public Uni<DatasetList> list(
            @RestQuery @Size(max = 256, message = "must be at most 256 characters")
            @Pattern(regexp = UpstreamText.NO_CONTROL_CHARACTERS, message = "must not contain control characters")
            @Parameter(description = "Only datasets whose name starts with this") String prefix) {
        Session session = current.get();
        return catalog.list(session.keyId(), prefix == null ? "" : prefix, session.apiKey()).map(DatasetList::new);
    }

    @GET
    @Path("/{name}/details")
    @Operation(operationId = "getDatasetDetails", summary = "Dataset indexing details", description = "Gaia's details of one dataset's indexing runs, unchanged.")
    // Without a schema the document would describe JsonNode's own getters (nodeType, valueNode, ...),
    // and without additionalProperties a generated client would get an object with no readable field.
    @APIResponse(responseCode = "200", description = "The details",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    additionalProperties = Schema.True.class, description = "Gaia's details object exactly as Gaia sent it (indexing runs and their stats)")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<JsonNode> details(
            @RestPath @Size(max = 256, message = "must be at most 256 characters")
            @Pattern(regexp = UpstreamText.PATH_SEGMENT, message = "must not be . or .., nor contain slashes, backslashes or control characters")
            String name) {
        return gaia.datasetDetails(current.get().apiKey(), name);
    }
}
