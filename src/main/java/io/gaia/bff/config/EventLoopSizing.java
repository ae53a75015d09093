package io.gaia.bff.config;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * One Vert.x event loop per CPU the process may use, where Vert.x's own default is two. Requests run
 * on the event loops without blocking them (blocking work has its own worker pool), so a second loop
 * per CPU only adds threads that preempt each other and contend for the same locks. Pinned to one
 * CPU (a 1-CPU container), two loops served GET /datasets with 15 % fewer requests/s and a p99 1.8
 * times as long (bench/RESULTS.md). {@code availableProcessors()} follows the container's CPU limit.
 * An explicit QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE still wins (this source sits below the
 * environment, .env and application.yaml).
 */
public class EventLoopSizing implements ConfigSourceFactory {

    static final String EVENT_LOOPS = "quarkus.vertx.event-loops-pool-size";
    private static final int ORDINAL = 110;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String loops = String.valueOf(Runtime.getRuntime().availableProcessors());
        return List.of(new PropertiesConfigSource(Map.of(EVENT_LOOPS, loops), "event-loops-per-cpu", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
