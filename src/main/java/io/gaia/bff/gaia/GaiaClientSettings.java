package io.gaia.bff.gaia;

import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

import io.gaia.bff.config.GaiaConfig;
import io.quarkus.arc.Arc;
import io.quarkus.rest.client.reactive.runtime.RestClientBuilderImpl;
import io.smallrye.config.SmallRyeConfig;

/**
 * Applies the seed's settings to the Gaia client: the base URL without a trailing slash,
 * GAIA_CONNECT_TIMEOUT_SECONDS as connect timeout, REQUEST_TIMEOUT_SECONDS as read timeout (Quarkus wants milliseconds) and
 * GAIA_VERIFY_SSL (Quarkus's switch is the inverse, trust-all), and the cap on a response body
 * ({@link GaiaLimits#MAX_BODY_BYTES}) and on all of them together ({@link AnswerMemory}), which no REST
 * client setting offers. Registered through
 * META-INF/services because the REST client builds itself before CDI could help.
 */
public class GaiaClientSettings implements RestClientListener {

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (serviceInterface != GaiaClient.class) {
            return;
        }
        GaiaConfig gaia = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(GaiaConfig.class);
        builder.baseUri(gaia.baseUri())
                .connectTimeout(gaia.connectTimeoutDuration().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(gaia.requestTimeoutDuration().toMillis(), TimeUnit.MILLISECONDS);
        if (builder instanceof RestClientBuilderImpl quarkusBuilder) {
            // CDI cannot inject into this listener, but the client is built when something injects it.
            AnswerMemory memory = Arc.container().instance(AnswerMemory.class).get();
            quarkusBuilder.clientRequestCustomizer(request -> GaiaLimits.boundResponse(request, memory));
            if (!gaia.verifySsl()) {
                quarkusBuilder.trustAll(true).verifyHost(false);
            }
        }
    }
}
