package io.gaia.bff.config;

/**
 * A group of this service's settings that says what is wrong with its values. Every
 * {@code @ConfigMapping} of the service implements it, and {@link SettingsValidation} calls it when the
 * configuration is built, before any bean reads a value.
 */
public interface CheckedSettings {

    /**
     * Records each value that is wrong. A default method because SmallRye Config would take an
     * abstract one for a setting; every mapping overrides it.
     */
    default void check(SettingProblems problems) {
    }
}
