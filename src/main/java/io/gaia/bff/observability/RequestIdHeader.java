package io.gaia.bff.observability;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Sends the current request's id to Gaia as X-Request-ID, so Gaia's support can find the call. */
public class RequestIdHeader implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        String id = RequestTracking.current();
        if (id != null) {
            request.getHeaders().putSingle(RequestTracking.HEADER, id);
        }
    }
}
