package io.gaia.bff.observability;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoublePredicate;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Metrics;
import io.gaia.bff.support.RedisStoreProfile;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.testing.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * bff_sessions_active says when it does not know: while Redis does not answer the count, it reads
 * NaN (a gap on a dashboard) instead of the last count it had, and it counts again once Redis is back.
 */
@QuarkusTest
@TestProfile(SessionGaugeDuringStoreOutageTest.Profile.class)
class SessionGaugeDuringStoreOutageTest {

    public static class Profile extends RedisStoreProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("metrics.sessions-refresh", "1s");
            config.put("session.store-timeout", "0.5");
            return config;
        }
    }

    RedisServer redis;

    private static double awaitGauge(DoublePredicate wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        double last;
        do {
            last = Metrics.value("bff_sessions_active", "");
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("bff_sessions_active never read " + what + "; last " + last);
    }

    @Test
    void theGaugeReadsNaNWhileRedisCannotCountAndCountsAgainAfter() throws InterruptedException {
        Api.login(Simulator.demoKey());
        double before = awaitGauge(count -> count >= 1, "at least the session just opened");

        // Every client waits, as if Redis were down; our own command returns at once.
        redis.command("CLIENT", "PAUSE", "3000", "ALL");
        awaitGauge(Double::isNaN, "NaN while Redis does not answer (it stayed at " + before + ")");

        awaitGauge(count -> count >= 1, "a count again once Redis answers");
    }
}
