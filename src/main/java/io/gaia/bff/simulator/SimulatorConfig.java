package io.gaia.bff.simulator;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the in-process Gaia simulator. {@code enabled} is consumed at build time by the
 * {@code @IfBuildProperty} on every simulator bean; it is mapped here only so the whole
 * {@code gaia-simulator} tree is validated in one place.
 */
@ConfigMapping(prefix = "gaia-simulator")
public interface SimulatorConfig {

    @WithDefault("false")
    boolean enabled();

    /** The {@code apiKey} header value the simulator accepts. */
    @WithDefault("gaia-demo-key")
    String apiKey();

    /** Pause between two words of a streamed answer, to look like an LLM producing tokens. */
    @WithDefault("40ms")
    Duration streamDelay();
}
