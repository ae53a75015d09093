package io.gaia.bff.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells a developer running {@code quarkus:dev} where the fake Gaia lives and which key logs in.
 * The key is a demo value, but logging credentials is still limited to dev mode by policy.
 */
@ApplicationScoped
@IfBuildProperty(name = "gaia-simulator.enabled", stringValue = "true")
public class DevModeBanner {

    private static final Logger LOG = Logger.getLogger(DevModeBanner.class);

    private final SimulatorConfig config;
    private final int port;

    public DevModeBanner(SimulatorConfig config, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.config = config;
        this.port = port;
    }

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            LOG.infof("Gaia simulator running at http://localhost:%d/gaia-sim - log in with the demo API key '%s'",
                    port, config.apiKey());
        }
    }
}
