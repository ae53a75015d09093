package io.gaia.bff.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A native binary cannot look at a class by reflection unless the build registered it, and Jackson
 * reads and writes every DTO by reflection: a missed registration is a request or an answer that
 * fails (or comes out as {}) only in production. This checks, without GraalVM, what a native build
 * would register: run it as {@code ./mvnw verify -Pnative-sources}, which performs the native
 * augmentation in sources-only mode (target/native-sources/) and then this test.
 *
 * <p>The JSON types are found in the compiled code ({@link JsonTypes}), not listed here, so a new DTO
 * or message is checked the day it is added. Each must be registered as Quarkus registers the REST
 * DTOs it sees: constructors, methods and fields for a class or record (Jackson's record support
 * reads all three), methods for an interface (their Jackson annotations). Types only written by
 * hand through an ObjectMapper are invisible to Quarkus: give them {@code @RegisterForReflection}.
 */
class NativeReflectionIT {

    private static final Path TARGET = Path.of("target");
    private static final Set<String> FOR_CLASSES = Set.of("allDeclaredConstructors", "allDeclaredMethods",
            "allDeclaredFields");
    private static final Set<String> FOR_INTERFACES = Set.of("allDeclaredMethods");

    private static JsonTypes types;
    private static NativeReflectionConfig config;

    @BeforeAll
    static void read() throws IOException {
        Properties artifact = new Properties();
        Path record = TARGET.resolve("quarkus-artifact.properties");
        assertTrue(Files.exists(record), "run ./mvnw verify -Pnative-sources: nothing was packaged");
        try (Reader in = Files.newBufferedReader(record)) {
            artifact.load(in);
        }
        assertEquals("native-sources", artifact.getProperty("type"),
                "the last build did not produce native sources; run ./mvnw verify -Pnative-sources");
        // The runner jar native-image would compile: app classes, generated classes and the registrations.
        Path runnerJar;
        try (var files = Files.list(TARGET.resolve("native-sources"))) {
            runnerJar = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no runner jar in target/native-sources"));
        }
        config = NativeReflectionConfig.of(runnerJar);
        types = JsonTypes.in(TARGET.resolve("classes"));
    }

    @Test
    void theGeneratedConfigurationIsRead() {
        assertTrue(!config.files().isEmpty() && config.size() > 100,
                "reflection registrations found in the runner jar: " + config.files() + ", " + config.size() + " types");
    }

    /** Guards the finder itself: these are JSON by every route it knows, so it must see each of them. */
    @Test
    void theSearchFindsTheJsonTypesOfEveryKind() {
        Set<String> names = types.found().keySet().stream().map(Class::getName).collect(Collectors.toSet());
        for (String expected : List.of(
                "io.gaia.bff.auth.LoginRequest", // HTTP request body
                "io.gaia.bff.ask.AskResponse", // HTTP response
                "io.gaia.bff.gaia.GaiaAskRequest", // REST client body, and written by hand to Gaia's stream
                "io.gaia.bff.problem.Problem", // exception mappers, and SSE error events
                "io.gaia.bff.problem.Problem$FieldError", // a property's element type
                "io.gaia.bff.live.ServerMessage", // WebSocket messages, written by hand
                "io.gaia.bff.live.ServerMessage$Done")) { // an implementation of a sealed interface
            assertTrue(names.contains(expected), expected + " is found; found: " + describe(types.found()));
        }
    }

    @Test
    void everyObjectMapperCallNamesItsType() {
        assertTrue(types.unresolved().isEmpty(), "ObjectMapper calls whose type the check cannot see:\n  "
                + String.join("\n  ", types.unresolved()));
    }

    @Test
    void everyJsonTypeIsRegisteredForReflection() {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Class<?>, String> entry : types.found().entrySet()) {
            Class<?> type = entry.getKey();
            Set<String> needed = type.isInterface() || Modifier.isAbstract(type.getModifiers()) ? FOR_INTERFACES
                    : FOR_CLASSES;
            NativeReflectionConfig.Registration registration = config.of(type);
            Set<String> lacking = needed.stream().filter(flag -> registration == null || !registration.has(flag))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            if (!lacking.isEmpty()) {
                missing.add(type.getName() + (registration == null ? " (not registered)" : " lacks " + lacking)
                        + "\n      why it is JSON: " + entry.getValue());
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " JSON type(s) a native binary could not (de)serialise; "
                + "annotate them with @RegisterForReflection:\n  " + String.join("\n  ", missing));
    }

    private static String describe(Map<Class<?>, String> found) {
        return found.entrySet().stream().map(e -> e.getKey().getName() + " (" + e.getValue() + ")")
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
