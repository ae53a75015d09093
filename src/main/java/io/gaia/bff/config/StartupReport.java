package io.gaia.bff.config;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/** Tells the operator, once, how the service is wired to Gaia. */
@Singleton
public class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    /** The origins in force: ALLOW_CORS_ORIGIN, or in dev mode any port of this machine (application.yaml). */
    void onStart(@Observes StartupEvent event, AppConfig app, GaiaConfig gaia, SessionConfig session,
            @ConfigProperty(name = "quarkus.http.cors.origins") List<String> corsOrigins) {
        LOG.infof("%s: upstream Gaia at %s, request timeout %ss, session lifetime %ss, sessions in %s, CORS origins %s",
                app.name(), gaia.baseUri(), gaia.requestTimeout(), session.ttlSeconds(),
                session.store() == SessionConfig.Store.REDIS ? "Redis (QUARKUS_REDIS_HOSTS)" : "memory (this replica only)",
                corsOrigins);
        if (app.corsOrigins().contains("*")) {
            LOG.warn("ALLOW_CORS_ORIGIN=*: a page from any site may call the API. Sessions travel in "
                    + "X-Session-ID, not a cookie, so such a page still needs a session id to use one; list your "
                    + "app's origins instead unless the API is meant for every site.");
        }
        if (!gaia.verifySsl()) {
            LOG.warn("GAIA_VERIFY_SSL=false: Gaia's TLS certificate is NOT verified. Use this only for a "
                    + "self-signed cluster you trust; anyone on the network path could read the API keys.");
        }
    }
}
