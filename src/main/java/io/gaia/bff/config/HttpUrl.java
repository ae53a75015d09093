package io.gaia.bff.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What the address of a server this service calls (GAIA_BASE_URL, OTEL_EXPORTER_OTLP_ENDPOINT) must be
 * for its client to reach it. Checked with {@link URI}, as the clients read it: "http://gaia_sim:8080"
 * (a Compose service name) or "http://gaia:99999" used to pass a pattern check, start, and fail every
 * call as Gaia unreachable or unreadable; "http://gai^a" or an OTLP endpoint with an underscore
 * stopped the start with a stack trace.
 */
final class HttpUrl {

    private HttpUrl() {
    }

    /**
     * What is wrong with {@code url}, to follow "must"; null when it will do. {@code shape} says what
     * it should look like ("an http:// or https:// URL such as ...").
     */
    static String problemWith(String url, String shape) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
                || uri.getRawAuthority() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "be " + shape;
        }
        if (uri.getRawUserInfo() != null) {
            // Neither Gaia nor the collector takes credentials here, and this one would be printed at startup.
            return "not carry a user name or password";
        }
        if (uri.getHost() == null || uri.getPort() == 0 || uri.getPort() > 65535) {
            return "name a host (letters, digits, hyphens and dots: no underscores) and a port from 1 to 65535";
        }
        return null;
    }
}
