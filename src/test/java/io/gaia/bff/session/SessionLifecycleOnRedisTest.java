package io.gaia.bff.session;

import io.gaia.bff.support.RedisStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The session lifecycle with sessions in a real Redis (SESSION_STORE=redis). */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class SessionLifecycleOnRedisTest extends SessionLifecycleSuite {
}
