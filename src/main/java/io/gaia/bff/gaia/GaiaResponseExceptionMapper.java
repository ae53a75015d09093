package io.gaia.bff.gaia;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns every Gaia error status into a {@link GaiaException} carrying the message Gaia gave. */
public class GaiaResponseExceptionMapper implements ResponseExceptionMapper<GaiaException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public GaiaException toThrowable(Response response) {
        int status = response.getStatus();
        return GaiaException.status(status, messageOf(status, readBody(response)),
                response.getHeaderString("Retry-After"));
    }

    @Override
    public int getPriority() {
        return 0;
    }

    private static String readBody(Response response) {
        try {
            if (!response.hasEntity()) {
                return null;
            }
            return response.readEntity(String.class);
        } catch (RuntimeException e) {
            // A streamed error body may not be readable here; the status alone still says enough.
            return null;
        }
    }

    /**
     * Gaia's message, found as shared/gaia-api.md says: message, else errorMessage, else errorCode,
     * else "HTTP status". A body that is not JSON (an HTML error page from a proxy) is not echoed.
     */
    public static String messageOf(int status, String body) {
        String said = gaiaMessageIn(body);
        return said != null ? said : "HTTP " + status;
    }

    /** Gaia's message in a body (message, else errorMessage, else errorCode), or null if it has none. */
    static String gaiaMessageIn(String body) {
        if (body != null && !body.isBlank()) {
            try {
                JsonNode json = JSON.readTree(body);
                for (String field : new String[] { "message", "errorMessage", "errorCode" }) {
                    JsonNode value = json.path(field);
                    if (value.isTextual() && !value.asText().isBlank()) {
                        return clean(value.asText());
                    }
                }
            } catch (Exception notJson) {
                // no message of Gaia's
            }
        }
        return null;
    }

    /** On one line, whole: shortened only when shown ({@link GaiaException#gaiaMessage()}), after the key is cut out. */
    private static String clean(String message) {
        return message.replaceAll("\\p{Cntrl}+", " ").strip();
    }
}
