package io.gaia.bff.resilience;

import java.util.List;
import java.util.Map;

import io.gaia.bff.support.LogCapture;
import io.gaia.bff.testing.FakeGaiaResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service in front of a fake Gaia with small resilience settings: 1 s response timeout, two
 * quick retries within 1.5 s, a breaker that opens after 4 failed calls in a row and stays open 2 s,
 * and at most 2 Gaia calls in flight (plus one waiting). The whole log goes to {@link #LOG}
 * (the service's code at DEBUG), for the scan at the end of the matrix.
 */
public class FaultMatrixProfile implements QuarkusTestProfile {

    static final long BREAKER_DELAY_MILLIS = 2000;
    static final LogCapture LOG = LogCapture.named("fault-matrix");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = LOG.serviceConfig("DEBUG");
        config.putAll(Map.ofEntries(
                Map.entry("gaia.request-timeout", "1"),
                Map.entry("gaia.connect-timeout", "0.5"),
                Map.entry("gaia.retry.max", "2"),
                Map.entry("gaia.retry.delay", "0.05"),
                Map.entry("gaia.retry.max-delay", "0.2"),
                Map.entry("gaia.retry.deadline", "1.5"),
                Map.entry("gaia.breaker.request-volume", "4"),
                Map.entry("gaia.breaker.failure-ratio", "1"),
                Map.entry("gaia.breaker.delay", "2"),
                Map.entry("gaia.max-concurrent-calls", "2"),
                Map.entry("stream.idle-timeout", "2"),
                Map.entry("stream.heartbeat", "0.25"),
                Map.entry("stream.max-duration", "4")));
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeGaiaResource.class));
    }
}
