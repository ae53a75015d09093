package io.gaia.bff.gaia;

import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.eclipse.microprofile.config.ConfigProvider;

import io.gaia.bff.config.GaiaConfig;
import io.smallrye.config.SmallRyeConfig;

/** Adds X-GAIA-SECURITY-CTX to every Gaia call, only when GAIA_SECURITY_CONTEXT is set. */
public class SecurityContextHeader implements ClientRequestFilter {

    static final String HEADER = "X-GAIA-SECURITY-CTX";

    private final Optional<String> value = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
            .getConfigMapping(GaiaConfig.class).securityContext();

    @Override
    public void filter(ClientRequestContext request) {
        value.ifPresent(v -> request.getHeaders().putSingle(HEADER, v));
    }
}
