package io.gaia.bff.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own metrics; only here so that its one setting is checked with the others. */
@ConfigMapping(prefix = "metrics")
public interface MetricsConfig extends CheckedSettings {

    /** How often bff_sessions_active re-counts the session store. */
    @WithDefault("15s")
    String sessionsRefresh();

    @Override
    default void check(SettingProblems problems) {
        problems.interval("sessions-refresh", "METRICS_SESSIONS_REFRESH", sessionsRefresh(), false);
    }
}
