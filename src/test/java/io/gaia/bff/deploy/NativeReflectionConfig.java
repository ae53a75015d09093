package io.gaia.bff.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reflection registrations Quarkus generated for native-image, as the runner jar of a native
 * build carries them: META-INF/native-image/**&#47;reflect-config.json (what Quarkus 3.31 writes) or
 * reachability-metadata.json (the newer GraalVM format, read too so a Quarkus upgrade cannot make
 * the check pass by reading nothing).
 */
final class NativeReflectionConfig {

    /** What one type is registered for; the flags as native-image names them. */
    record Registration(Set<String> flags) {

        boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    private final Map<String, Registration> byType;
    private final Set<String> files;

    private NativeReflectionConfig(Map<String, Registration> byType, Set<String> files) {
        this.byType = byType;
        this.files = files;
    }

    static NativeReflectionConfig of(Path runnerJar) {
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> flags = new HashMap<>();
        Set<String> files = new TreeSet<>();
        try (JarFile jar = new JarFile(runnerJar.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith("META-INF/native-image/")) {
                    continue;
                }
                JsonNode registrations;
                if (name.endsWith("/reflect-config.json")) {
                    registrations = read(json, jar, entry);
                } else if (name.endsWith("/reachability-metadata.json")) {
                    registrations = read(json, jar, entry).path("reflection");
                } else {
                    continue;
                }
                files.add(name);
                for (JsonNode registration : registrations) {
                    String type = registration.has("type") ? registration.path("type").asText()
                            : registration.path("name").asText();
                    Set<String> typeFlags = flags.computeIfAbsent(type, t -> new TreeSet<>());
                    registration.fields().forEachRemaining(field -> {
                        if (field.getValue().isBoolean() && field.getValue().asBoolean()) {
                            typeFlags.add(field.getKey());
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Registration> byType = new HashMap<>();
        flags.forEach((type, set) -> byType.put(type, new Registration(Set.copyOf(set))));
        return new NativeReflectionConfig(byType, files);
    }

    /** The registration of a type by its binary name (Outer$Inner), or null if it has none. */
    Registration of(Class<?> type) {
        return byType.get(type.getName());
    }

    int size() {
        return byType.size();
    }

    Set<String> files() {
        return files;
    }

    private static JsonNode read(ObjectMapper json, JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return json.readTree(in);
        }
    }
}
