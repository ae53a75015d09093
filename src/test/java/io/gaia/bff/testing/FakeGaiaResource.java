package io.gaia.bff.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one {@link FakeGaia} for a Quarkus test run and points {@code gaia.base-url} at it.
 * Fields annotated {@link InjectFakeGaia} receive the instance. Scripts and recorded requests live
 * as long as the application does (usually one test class / profile), so call
 * {@link FakeGaia#reset()} in {@code @BeforeEach}.
 */
public class FakeGaiaResource implements QuarkusTestResourceLifecycleManager {

    private FakeGaia fake;

    @Override
    public Map<String, String> start() {
        fake = FakeGaia.start();
        return Map.of("gaia.base-url", fake.baseUrl());
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.stop();
            fake = null;
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(fake,
                new TestInjector.AnnotatedAndMatchesType(InjectFakeGaia.class, FakeGaia.class));
    }
}
