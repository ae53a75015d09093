package io.gaia.bff.support;

import java.util.List;
import java.util.Map;

import io.gaia.bff.testing.FakeGaiaResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The service pointed at a programmable fake Gaia, with short time limits and a small stream
 * limit so slowness and capacity can be tested quickly. */
public class FakeGaiaProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gaia.request-timeout", "1",
                "stream.idle-timeout", "2",
                "stream.heartbeat", "0.25",
                "stream.max-duration", "4",
                "stream.max-concurrent", "4");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeGaiaResource.class));
    }
}
