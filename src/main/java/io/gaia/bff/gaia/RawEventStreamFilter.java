package io.gaia.bff.gaia;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Makes the REST client hand over an event stream as raw chunks instead of parsing it itself. The
 * built-in SSE reader drops a last event that is not followed by a blank line, which is exactly how
 * Gaia ends its streams: that event carries queryUid and the cited documents. {@link SseParser}
 * reads the chunks and keeps that event.
 */
public class RawEventStreamFilter implements ClientResponseFilter {

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        MediaType type = response.getMediaType();
        if (response.getStatus() == 200 && type != null && MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(type)) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
        }
    }
}
