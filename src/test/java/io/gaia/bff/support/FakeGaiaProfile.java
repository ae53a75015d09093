package io.gaia.bff.support;

import java.util.List;
import java.util.Map;

import io.gaia.bff.testing.FakeGaiaResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The service pointed at a programmable fake Gaia, with a short request timeout to test slowness. */
public class FakeGaiaProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gaia.request-timeout", "1");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeGaiaResource.class));
    }
}
