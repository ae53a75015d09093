package io.gaia.bff.gaia;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.gaia.bff.observability.RequestIdHeader;

import io.smallrye.mutiny.Uni;

/**
 * Gaia's REST API as this service uses it (see shared/gaia-api.md). One client, and so one
 * connection pool, serves every session: the caller's key travels per call in the apiKey header.
 * Gaia's objects are read as JsonNode because the service passes them through unchanged. The
 * streamed ask is not here: {@link GaiaStreamClient} says why. Path and query values are
 * {@code @Encoded}: {@link GaiaService} encodes them with {@link UpstreamText#encode}.
 */
@RegisterRestClient(configKey = "gaia")
@RegisterProvider(GaiaResponseExceptionMapper.class)
@RegisterProvider(SecurityContextHeader.class)
@RegisterProvider(RequestIdHeader.class)
@RegisterProvider(GaiaAskBodyWriter.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface GaiaClient {

    String API_KEY_HEADER = "apiKey";

    @GET
    @Path("/datasets")
    Uni<JsonNode> listDatasets(@HeaderParam(API_KEY_HEADER) String apiKey, @QueryParam("prefix") @Encoded String prefix);

    @GET
    @Path("/dataset/{name}/details")
    Uni<JsonNode> datasetDetails(@HeaderParam(API_KEY_HEADER) String apiKey, @PathParam("name") @Encoded String name);

    @POST
    @Path("/ask")
    Uni<JsonNode> ask(@HeaderParam(API_KEY_HEADER) String apiKey, GaiaAskRequest request);
}
