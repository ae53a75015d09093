package io.gaia.bff.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What GAIA_BASE_URL must be for the REST client and the stream client to reach it. Checked with
 * {@link URI}, as the clients read it: "http://gaia_sim:8080" (a Compose service name) or
 * "http://gaia:99999" used to pass a pattern check, start, and fail every call as Gaia unreachable or
 * unreadable; "http://gai^a" stopped the start with a stack trace.
 */
final class GaiaBaseUrl {

    private GaiaBaseUrl() {
    }

    /** What is wrong with {@code url}, to follow "must", or null when it will do. */
    static String problemWith(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
                || uri.getRawAuthority() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "be an absolute http:// or https:// URL without query or fragment";
        }
        if (uri.getRawUserInfo() != null) {
            // Gaia takes its key in a header on each request; a password here would be printed at startup.
            return "not carry a user name or password";
        }
        if (uri.getHost() == null || uri.getPort() == 0 || uri.getPort() > 65535) {
            return "name a host (letters, digits, hyphens and dots: no underscores) and a port from 1 to 65535";
        }
        return null;
    }
}
