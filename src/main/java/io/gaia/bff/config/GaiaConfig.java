package io.gaia.bff.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How to reach Gaia. The environment names are the seed service's: GAIA_BASE_URL, GAIA_API_KEY,
 * GAIA_VERIFY_SSL and REQUEST_TIMEOUT_SECONDS (see application.yaml). Constraint messages name the
 * environment variable because that is what an operator set.
 */
@ConfigMapping(prefix = "gaia")
public interface GaiaConfig {

    /** Gaia's API root, e.g. https://helios.cohesity.com/v2/mcm/gaia. */
    @Pattern(regexp = "https?://[^\\s/?#]+[^\\s?#]*", message = "(GAIA_BASE_URL) must be an absolute http:// or https:// URL without query or fragment")
    String baseUrl();

    /**
     * A server-side key used only to check that Gaia is reachable (readiness data); never used for a
     * user's request.
     */
    Optional<String> apiKey();

    /** false trusts any certificate, for self-signed Gaia clusters. */
    @WithDefault("true")
    boolean verifySsl();

    /** Seconds a non-streaming Gaia call may take before the user gets a 504. */
    @WithDefault("60")
    @Positive(message = "(REQUEST_TIMEOUT_SECONDS) must be a positive number of seconds")
    double requestTimeout();

    /** Optional X-GAIA-SECURITY-CTX header value for multi-tenant clusters. */
    Optional<String> securityContext();

    /** How often the service checks on its own that Gaia answers ("off" to disable). */
    @WithDefault("30s")
    String reachabilityProbeInterval();

    /** The base URL without a trailing slash, so paths join cleanly. */
    default URI baseUri() {
        String url = baseUrl();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return URI.create(url);
    }

    default Duration requestTimeoutDuration() {
        return Seconds.toDuration(requestTimeout());
    }
}
