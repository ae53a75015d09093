package io.gaia.bff.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one {@link RedisServer} for a Quarkus test run and points {@code quarkus.redis.hosts} at it.
 * Fields of type {@link RedisServer} in the test class receive the instance. It lives as long as the
 * application (one test profile): tests must not assume an empty Redis.
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        redis = RedisServer.start();
        return Map.of("quarkus.redis.hosts", redis.url());
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(redis, new TestInjector.MatchesType(RedisServer.class));
    }
}
