package io.gaia.bff.session;

import io.quarkus.test.junit.QuarkusTest;

/** The session lifecycle with sessions in the service's memory (the default store). */
@QuarkusTest
class SessionLifecycleInMemoryTest extends SessionLifecycleSuite {
}
