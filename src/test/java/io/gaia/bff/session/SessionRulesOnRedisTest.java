package io.gaia.bff.session;

import io.gaia.bff.support.RedisStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The session rules (timeouts, id checks, header only) with sessions in a real Redis. */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class SessionRulesOnRedisTest extends SessionRulesTest {
}
