package io.gaia.bff.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points {@code quarkus.redis.hosts} at a {@link SilentServer}: a Redis that accepts connections and
 * never answers. Fields of type {@link SilentServer} in the test class receive the instance.
 */
public class SilentServerResource implements QuarkusTestResourceLifecycleManager {

    private SilentServer silent;

    @Override
    public Map<String, String> start() {
        silent = SilentServer.start();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + silent.port());
    }

    @Override
    public void stop() {
        if (silent != null) {
            silent.close();
            silent = null;
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(silent, new TestInjector.MatchesType(SilentServer.class));
    }
}
