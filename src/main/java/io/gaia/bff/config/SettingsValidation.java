package io.gaia.bff.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Checks the service's settings ({@link CheckedSettings}) as the configuration is built, so a bad value
 * stops the start with every problem listed, before anything uses it. Registered through
 * META-INF/services.
 * <p>
 * Why not Bean Validation constraints on the mappings: once one mapping has a constraint, Quarkus
 * builds a validator with metadata for every configuration interface of every extension (about 190
 * here), about 0.7 s of a 4.7 s start on one core (bench/RESULTS.md, "Start to ready"). The checks
 * are simple ranges and shapes.
 */
public class SettingsValidation implements SmallRyeConfigBuilderCustomizer, ConfigValidator {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(this);
        builder.withInterceptorFactories(new UnreadableSettings(builder));
    }

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mapping) {
        if (!(mapping instanceof CheckedSettings settings)) {
            return;
        }
        SettingProblems problems = new SettingProblems(prefix);
        settings.check(problems);
        if (!problems.found().isEmpty()) {
            throw new ConfigValidationException(problems.found().toArray(ConfigValidationException.Problem[]::new));
        }
    }
}
