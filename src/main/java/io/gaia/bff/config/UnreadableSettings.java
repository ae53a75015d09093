package io.gaia.bff.config;

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings.ConfigClass;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Converters;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Refuses a setting whose value is not of its kind (REQUEST_TIMEOUT_SECONDS=abc, SESSION_STORE=postgres,
 * ALLOW_CORS_ORIGIN set to nothing) with the same one-line "property (VARIABLE) must ..." message as
 * the range checks in {@link CheckedSettings}. SmallRye refuses such a value anyway, but its message
 * names only the property (gaia.request-timeout), which the operator never set.
 * <p>
 * It sits above SmallRye's expression expansion, so it sees both the value and application.yaml's
 * {@code ${VARIABLE:default}} that produced it. The service's own mappings (those that are
 * {@link CheckedSettings}) say which properties to look at and what kind each one is.
 * <p>
 * Some of them are handed on to Quarkus in application.yaml (quarkus.shutdown.delay is
 * {@code ${app.shutdown-delay}s}, quarkus.log.level {@code ${app.log-level}}). When the service's own
 * property is unreadable, the Quarkus property gets that property's default: the start is refused for
 * the service's property anyway, and Quarkus's own refusal of "5ss" as a duration would be a second
 * line naming a property the operator never set (or, left unset, saying a required one is missing).
 * Otherwise the value is handed on without the spaces around it, which the service's check allows
 * and Quarkus's log level does not (LOG_LEVEL="debug ").
 */
final class UnreadableSettings implements ConfigSourceInterceptorFactory {

    /** Just above SmallRye's expression expansion (3300): sees the expanded value and its raw form. */
    private static final int PRIORITY = 3310;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::.*)?}");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}$]+)");
    /** A number as an operator writes one; Java would also read 5d, 1e3, 0x1p3 and Infinity. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private final SmallRyeConfigBuilder builder;

    UnreadableSettings(SmallRyeConfigBuilder builder) {
        this.builder = builder;
    }

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        // Built once the mappings are all registered, as the configuration is about to be read.
        Map<String, Kind> kinds = new HashMap<>();
        for (ConfigClass mapping : builder.getMappingsBuilder().getMappings()) {
            if (CheckedSettings.class.isAssignableFrom(mapping.getType())) {
                kindsOf(mapping, kinds);
            }
        }
        return (next, name) -> {
            ConfigValue value = next.proceed(name);
            Kind kind = kinds.get(name);
            if (kind != null) {
                return check(name, value, kind);
            }
            return handedOn(next, value, kinds);
        };
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(PRIORITY);
    }

    private static ConfigValue check(String name, ConfigValue value, Kind kind) {
        if (kind == null || value == null) {
            return value;
        }
        String wrong = kind.whatIsWrongWith(value.getValue());
        if (wrong == null) {
            return value;
        }
        throw new UnreadableSetting(name + variableOf(name, value) + " must " + wrong);
    }

    /** The value of a property that may hand on one of the service's settings, as Quarkus should read it (see above). */
    private static ConfigValue handedOn(ConfigSourceInterceptorContext next, ConfigValue value, Map<String, Kind> kinds) {
        String raw = value == null ? null : value.getRawValue();
        if (raw == null || !raw.contains("${")) {
            return value;
        }
        boolean handsOn = false;
        Matcher reference = REFERENCE.matcher(raw);
        while (reference.find()) {
            Kind kind = kinds.get(reference.group(1));
            if (kind == null) {
                continue;
            }
            handsOn = true;
            ConfigValue setting = next.proceed(reference.group(1));
            if (setting != null && kind.whatIsWrongWith(setting.getValue()) != null) {
                if (kind.defaultValue() == null) {
                    return null;
                }
                String standIn = raw.replace("${" + reference.group(1) + "}", kind.defaultValue());
                return standIn.contains("${") ? null : value.withValue(standIn);
            }
        }
        return handsOn && value.getValue() != null ? value.withValue(value.getValue().strip()) : value;
    }

    /**
     * The variable the value came from, in parentheses: the one application.yaml's
     * {@code ${VARIABLE:default}} names, or the property's own environment form (STREAM_MAX_CONCURRENT
     * for stream.max-concurrent) when the environment or .env set the property directly. Empty when a
     * system property or a file set it.
     */
    private static String variableOf(String name, ConfigValue value) {
        Matcher expression = VARIABLE.matcher(value.getRawValue() == null ? "" : value.getRawValue());
        if (expression.matches()) {
            return " (" + environmentName(expression.group(1)) + ")";
        }
        String source = value.getConfigSourceName() == null ? "" : value.getConfigSourceName();
        return source.toLowerCase(Locale.ROOT).contains("env") ? " (" + environmentName(name) + ")" : "";
    }

    private static String environmentName(String reference) {
        return reference.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    private static void kindsOf(ConfigClass mapping, Map<String, Kind> kinds) {
        Map<String, Map<String, Property>> byPath = ConfigMappingInterface
                .getProperties(ConfigMappingInterface.getConfigurationInterface(mapping.getType()))
                .get(mapping.getType());
        byPath.getOrDefault("", Map.of()).forEach((relative, property) -> {
            Kind kind = relative.contains("[") ? null : Kind.of(property);
            if (kind != null) {
                kinds.put(mapping.getPrefix() + "." + relative, kind);
            }
        });
    }

    /** What a property's value must look like: a number, a whole number, true or false, one of an enum's words, or just something. */
    private record Kind(Class<?> type, boolean required, String defaultValue) {

        static Kind of(Property property) {
            // The method, not the property: an Optional<List<String>> is flattened to a plain leaf.
            boolean required = !property.getMethod().getReturnType().getName().startsWith("java.util.Optional");
            Property leaf = property.isOptional() ? property.asOptional().getNestedProperty() : property;
            String defaultValue = property.hasDefaultValue() ? property.getDefaultValue() : null;
            if (leaf.isPrimitive()) {
                return new Kind(leaf.asPrimitive().getBoxType(), required, defaultValue);
            }
            if (leaf.isLeaf()) {
                Type type = leaf.asLeaf().getValueType();
                return new Kind(type instanceof Class<?> raw ? raw : Object.class, required, defaultValue);
            }
            return null;
        }

        String whatIsWrongWith(String value) {
            if (value == null || value.isBlank()) {
                return required ? "not be empty: leave it unset for the default" : null;
            }
            if (!readable(value)) {
                if (type == Integer.class || type == Long.class) {
                    return "be a whole number";
                }
                if (type == Double.class) {
                    return "be a number";
                }
                if (type == Boolean.class) {
                    return "be true or false";
                }
                return "be one of " + Arrays.stream(type.getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .collect(Collectors.joining(", "));
            }
            return null;
        }

        private boolean readable(String value) {
            if (type != Integer.class && type != Long.class && type != Double.class && type != Boolean.class
                    && !type.isEnum()) {
                return true;
            }
            if (type == Double.class) {
                return DECIMAL.matcher(value.strip()).matches();
            }
            if (type == Boolean.class) {
                // SmallRye reads any other word as false, with a warning: GAIA_VERIFY_SSL=ture would turn
                // certificate checks off, LOG_JSON=ture would switch production logs to text.
                return value.strip().equalsIgnoreCase("true") || value.strip().equalsIgnoreCase("false");
            }
            try {
                return Converters.getImplicitConverter(type).convert(value) != null;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** Reported by SmallRye as its toString(), so that is the message alone. */
    private static final class UnreadableSetting extends IllegalArgumentException {

        UnreadableSetting(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
