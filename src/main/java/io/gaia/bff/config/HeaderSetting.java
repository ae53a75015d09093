package io.gaia.bff.config;

import java.util.Optional;

/**
 * Settings sent in, or compared with, an HTTP header: GAIA_API_KEY, GAIA_SECURITY_CONTEXT, ADMIN_TOKEN.
 * They are often mounted from a Kubernetes Secret made from a file (kubectl create secret
 * --from-file), which usually ends in a newline. Sent as it was, that newline made every Gaia call
 * fail as an unreadable answer (the HTTP client refuses the header) and no operator token match.
 */
public final class HeaderSetting {

    private HeaderSetting() {
    }

    /** The value without the whitespace around it; empty when unset or blank. */
    public static Optional<String> of(Optional<String> configured) {
        return configured.map(String::strip).filter(value -> !value.isEmpty());
    }
}
