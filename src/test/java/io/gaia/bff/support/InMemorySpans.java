package io.gaia.bff.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Quarkus exports spans to every SpanExporter bean: this one keeps them in memory for the tests that
 * turn tracing on (every other test runs with the OpenTelemetry SDK disabled, and it stays empty).
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
