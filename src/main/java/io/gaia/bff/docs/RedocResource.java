package io.gaia.bff.docs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * ReDoc, served from a webjar rather than a CDN so the docs open in air-gapped browsers too.
 * Swagger UI is at /docs (Quarkus serves it).
 */
@Path("/redoc")
public class RedocResource {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Gaia BFF API</title>
              <meta name="viewport" content="width=device-width, initial-scale=1">
            </head>
            <body>
              <redoc spec-url="/q/openapi?format=json"></redoc>
              <script src="/webjars/redoc/redoc.standalone.js"></script>
            </body>
            </html>
            """;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page() {
        return PAGE;
    }
}
