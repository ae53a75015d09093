package io.gaia.bff.docs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gaia.bff.config.AppConfig;

/** What a developer sees opening the service's root: its name and where to go next. */
@Path("/")
@Tag(name = "Service")
public class ServiceInfoResource {

    public record ServiceInfo(String name, String api, String docs, String redoc, String openapi, String health) {
    }

    private final AppConfig app;

    public ServiceInfoResource(AppConfig app) {
        this.app = app;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Service name and links to the API docs")
    public ServiceInfo info() {
        return new ServiceInfo(app.name(), "/api/v1", "/docs", "/redoc", "/q/openapi", "/q/health");
    }
}
