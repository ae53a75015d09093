package io.gaia.bff.abuse;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;

/**
 * Every POST to the API takes application/json or, with no body at all (logout), no Content-Type.
 * A browser sends a cross-site form (urlencoded, multipart, text/plain) without asking the server
 * first; JSON needs a CORS preflight. Refusing the form types closes that door on every route,
 * including those that read no body, before any of them runs.
 */
public class JsonOnlyPosts {

    private static final String API = "/api/";

    @ServerRequestFilter(preMatching = true)
    public void requireJson(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith(API)) {
            return;
        }
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null ? hasBody(request) : !isJson(type)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "POST requests to this API take a JSON body with Content-Type: application/json (or no body and no Content-Type)");
        }
    }

    private static boolean isJson(String type) {
        try {
            MediaType media = MediaType.valueOf(type);
            // Exactly application/json (parameters such as charset allowed); a wildcard is no media type.
            return "application".equalsIgnoreCase(media.getType()) && "json".equalsIgnoreCase(media.getSubtype());
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
    }
}
