package io.gaia.bff.simulator.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error responses Gaia sends, with the status codes and error codes seen on real tenants. */
public final class GaiaErrors {

    private GaiaErrors() {
    }

    public static Response unauthorized() {
        // Capital K: that is how a live tenant spelled it.
        return response(401, "Invalid API key", "KStatusUnauthorized");
    }

    public static WebApplicationException notFound(String message) {
        return new WebApplicationException(response(404, message, "kNotFound"));
    }

    public static WebApplicationException badRequest(String message) {
        return new WebApplicationException(response(400, message, "kInvalidRequest"));
    }

    private static Response response(int status, String message, String errorCode) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new GaiaError(message, errorCode))
                .build();
    }
}
