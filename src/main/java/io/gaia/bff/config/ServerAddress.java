package io.gaia.bff.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What the address of a server this service calls (GAIA_BASE_URL, OTEL_EXPORTER_OTLP_ENDPOINT,
 * QUARKUS_REDIS_HOSTS) must be for its client to reach it. Checked with {@link URI}, as the clients
 * read it: "http://gaia_sim:8080" (a Compose service name) or "http://gaia:99999" used to pass a
 * pattern check, start, and fail every call as Gaia unreachable or unreadable; "http://gai^a", an OTLP
 * endpoint with an underscore or a Redis port over 65535 stopped the start with a stack trace.
 */
final class ServerAddress {

    /** What a URL whose host or port the clients cannot use must do instead. */
    static final String HOST_AND_PORT =
            "name a host (letters, digits, hyphens and dots: no underscores) and a port from 1 to 65535";

    private ServerAddress() {
    }

    /**
     * What is wrong with {@code url} as an http:// or https:// address, to follow "must"; null when it
     * will do. {@code shape} says what it should look like ("an http:// or https:// URL such as ...").
     */
    static String problemWithHttpUrl(String url, String shape) {
        URI uri = parse(url);
        if (uri == null || (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
                || uri.getRawAuthority() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "be " + shape;
        }
        if (uri.getRawUserInfo() != null) {
            // Neither Gaia nor the collector takes credentials here, and this one would be printed at startup.
            return "not carry a user name or password";
        }
        return hasHostAndPort(uri) ? null : HOST_AND_PORT;
    }

    /** java.net.URI finds no host in a name with an underscore, and takes any port number. */
    static boolean hasHostAndPort(URI uri) {
        return uri.getHost() != null && uri.getPort() != 0 && uri.getPort() <= 65535;
    }

    /** The URL as the clients read it, or null when it is not one. */
    static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
