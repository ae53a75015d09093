package io.gaia.bff.support;

import java.util.List;
import java.util.Map;

import io.gaia.bff.testing.RedisServer;
import io.gaia.bff.testing.RedisServerResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with the Redis session store, on a real redis-server started for the profile
 * ({@link RedisServerResource}; fields of type {@link RedisServer} receive it). Any session test runs
 * against Redis with {@code @TestProfile(RedisStoreProfile.class)}. Test classes with this profile
 * share one application and one Redis, so tests must not assume an empty store.
 */
public class RedisStoreProfile implements QuarkusTestProfile {

    /** The SESSION_ENCRYPTION_KEY of the profile (base64 of 32 bytes; a test value, never a real one). */
    public static final String ENCRYPTION_KEY = "dGVzdC1vbmx5LXNlc3Npb24tZW5jcnlwdGlvbi1rZXk=";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("session.store", "redis", "session.encryption-key", ENCRYPTION_KEY);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisServerResource.class));
    }
}
