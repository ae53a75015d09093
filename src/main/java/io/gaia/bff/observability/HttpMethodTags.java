package io.gaia.bff.observability;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * HTTP lets a client invent its own method ("QUUX724"), and the HTTP server metrics label each
 * request with its method: every invented one was a new series, kept for the life of the process,
 * so anyone who reached /api/v1 could grow /q/metrics and the heap without bound. Methods outside
 * HTTP's own set are counted as OTHER.
 */
@Singleton
public class HttpMethodTags {

    private static final String OTHER = "OTHER";
    private static final Set<String> STANDARD = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");

    @Produces
    @Singleton
    MeterFilter foldUnknownMethods() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String method = id.getTag("method");
                if (method == null || STANDARD.contains(method) || !id.getName().startsWith("http.server")) {
                    return id;
                }
                return id.withTag(Tag.of("method", OTHER));
            }
        };
    }
}
