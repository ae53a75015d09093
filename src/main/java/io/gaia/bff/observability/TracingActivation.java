package io.gaia.bff.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Tracing exports only when an OTLP endpoint is configured: OTEL_EXPORTER_OTLP_ENDPOINT (the
 * standard OpenTelemetry variable, copied to quarkus.otel.exporter.otlp.endpoint) or Quarkus's own
 * QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT. Without one the OpenTelemetry SDK is off
 * (quarkus.otel.sdk.disabled=true) rather than retrying a collector on localhost forever. An explicit
 * QUARKUS_OTEL_SDK_DISABLED still wins (this source sits below the environment, .env and
 * application.yaml).
 */
public class TracingActivation implements ConfigSourceFactory {

    static final String DISABLED = "quarkus.otel.sdk.disabled";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    private static final int ORDINAL = 110;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String standard = valueOf(context, "OTEL_EXPORTER_OTLP_ENDPOINT");
        String quarkus = valueOf(context, ENDPOINT);
        Map<String, String> properties = new HashMap<>();
        if (standard != null && quarkus == null) {
            properties.put(ENDPOINT, standard);
        }
        properties.put(DISABLED, String.valueOf(standard == null && quarkus == null));
        return List.of(new PropertiesConfigSource(properties, "otlp-endpoint-activation", ORDINAL));
    }

    /**
     * A value someone set (environment, .env, application.yaml, system property), not Quarkus's own
     * default: the OTLP endpoint has one (localhost:4317), which must not count as configured.
     */
    private static String valueOf(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (value == null || value.getValue() == null || value.getValue().isBlank()
                || value.getConfigSourceOrdinal() <= ORDINAL) {
            return null;
        }
        return value.getValue().strip();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
