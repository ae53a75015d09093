package io.gaia.bff.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

@QuarkusTest
class EventLoopSizingTest {

    @Inject
    Vertx vertx;

    @Test
    void theServiceRunsOneEventLoopPerAvailableCpu() {
        int loops = 0;
        for (var ignored : ((VertxInternal) vertx).getEventLoopGroup()) {
            loops++;
        }
        assertEquals(Runtime.getRuntime().availableProcessors(), loops);
    }

    @Test
    void anExplicitSettingWins() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EventLoopSizing())
                // Where QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE comes from: the environment's ordinal.
                .withSources(new PropertiesConfigSource(Map.of(EventLoopSizing.EVENT_LOOPS, "7"), "environment", 300))
                .build();
        assertEquals(7, config.getValue(EventLoopSizing.EVENT_LOOPS, Integer.class));
    }
}
