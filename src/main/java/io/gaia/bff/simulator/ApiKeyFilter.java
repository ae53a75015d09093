package io.gaia.bff.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.gaia.bff.simulator.api.GaiaErrors;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Gaia authenticates every call with an {@code apiKey} header (not {@code Authorization}); a bad key
 * gets 401 before the body is even read, so this runs as a filter rather than in each resource.
 */
@Provider
@SimulatorApi
@IfBuildProperty(name = "gaia-simulator.enabled", stringValue = "true")
public class ApiKeyFilter implements ContainerRequestFilter {

    static final String HEADER = "apiKey";

    // Quarkus REST creates providers during static init, before runtime config exists, so the key is
    // looked up per request rather than in the constructor.
    private final Instance<SimulatorConfig> config;

    public ApiKeyFilter(Instance<SimulatorConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        byte[] expected = config.get().apiKey().getBytes(StandardCharsets.UTF_8);
        String presented = request.getHeaderString(HEADER);
        // Constant-time comparison: cheap, and keeps the simulator from teaching bad habits.
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(GaiaErrors.unauthorized());
        }
    }
}
