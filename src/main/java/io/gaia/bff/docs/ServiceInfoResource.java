package io.gaia.bff.docs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gaia.bff.config.AppConfig;

/** What a developer sees opening the service's root: its name and where to go next. */
@Path("/")
@Tag(name = "Service", description = "The service's name and where its documentation is")
public class ServiceInfoResource {

    public record ServiceInfo(
            @Schema(required = true) String name,
            @Schema(required = true, description = "Where the API's routes start") String api,
            @Schema(required = true, description = "Swagger UI") String docs,
            @Schema(required = true, description = "ReDoc") String redoc,
            @Schema(required = true, description = "This OpenAPI document") String openapi,
            @Schema(required = true, description = "Health checks") String health) {
    }

    private final AppConfig app;

    public ServiceInfoResource(AppConfig app) {
        this.app = app;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getServiceInfo", summary = "Service name and links to the API docs")
    @APIResponse(responseCode = "200", description = "The service's name and where its API and docs are")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public ServiceInfo info() {
        return new ServiceInfo(app.name(), "/api/v1", "/docs", "/redoc", "/q/openapi", "/q/health");
    }
}
