package io.gaia.bff.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The command that runs the service the build just packaged, for integration tests that start it
 * themselves (several instances, their own environment, a signal mid-request). It follows the same
 * record {@code @QuarkusIntegrationTest} follows, target/quarkus-artifact.properties: after
 * {@code ./mvnw verify} that is the jar, after {@code ./mvnw verify -Pnative} the native binary
 * (at {@code native.image.path}, which failsafe sets), so the same tests check both.
 */
public final class PackagedService {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private PackagedService() {
    }

    /** A process builder for the packaged service, stdout and stderr merged; add environment and redirects. */
    public static ProcessBuilder command() {
        ProcessBuilder builder = new ProcessBuilder(commandLine()).redirectErrorStream(true);
        // No load balancer to wait for here: each stop would take the production delay for nothing.
        // ShutdownIT's test of the delay sets its own.
        builder.environment().put("SHUTDOWN_DELAY_SECONDS", "0");
        return builder;
    }

    private static List<String> commandLine() {
        String type = artifactType();
        switch (type) {
            case "native":
                return List.of(nativeBinary().toString());
            case "jar":
                Path jar = TARGET.resolve(Path.of("quarkus-app", "quarkus-run.jar"));
                require(jar);
                return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
            default:
                throw new IllegalStateException("The last build packaged '" + type + "', which cannot be run; "
                        + "run ./mvnw package (or ./mvnw package -Pnative) first");
        }
    }

    private static Path nativeBinary() {
        String configured = System.getProperty("native.image.path");
        Path binary = configured != null ? Path.of(configured).toAbsolutePath()
                : TARGET.resolve(artifactProperties().getProperty("path", ""));
        require(binary);
        return binary;
    }

    private static String artifactType() {
        return artifactProperties().getProperty("type", "jar");
    }

    private static Properties artifactProperties() {
        Path file = TARGET.resolve("quarkus-artifact.properties");
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static void require(Path artifact) {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(artifact + " does not exist: run ./mvnw package first");
        }
    }
}
