package io.gaia.bff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.gaia.bff.support.RedisStoreProfile;
import io.gaia.bff.testing.PackagedService;

/** A platform engineer's typo stops the packaged service (jar or native binary) at startup, with the setting named. */
class StartupValidationIT {

    @Test
    void dotEnvInTheWorkingDirectoryIsRead() throws Exception {
        Path workDir = Files.createTempDirectory("gaia-bff-dotenv");
        Files.writeString(workDir.resolve(".env"), "SESSION_TTL_SECONDS=0\n");
        ProcessBuilder builder = launcher().directory(workDir.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        String output = runToExit(builder);
        assertTrue(output.contains("SESSION_TTL_SECONDS"), "the bad value came from .env and is named:\n" + output);
    }

    @ParameterizedTest
    @CsvSource({
            "GAIA_BASE_URL, not a url",
            "GAIA_BASE_URL, ftp://gaia.example.com/v2",
            "GAIA_BASE_URL, http://gai^a/v2",
            "GAIA_BASE_URL, http://gaia_sim:8080",
            "OTEL_EXPORTER_OTLP_ENDPOINT, http://otel_collector:4317",
            "REQUEST_TIMEOUT_SECONDS, -5",
            "SESSION_TTL_SECONDS, 0",
            "ALLOW_CORS_ORIGIN, localhost:5173/app",
            "DATASET_CACHE_SECONDS, -1",
            "STREAM_HEARTBEAT_SECONDS, 0",
            "STREAM_MAX_CONCURRENT, -3",
            "WS_AUTH_TIMEOUT_SECONDS, 0",
            "RATE_LIMIT_LOGIN_PER_MINUTE, 0",
            "RATE_LIMIT_ASKS_PER_MINUTE, -1",
            "RATE_LIMIT_WINDOW_SECONDS, 0",
            "TRUSTED_PROXIES, proxy.example.com",
            "TRUSTED_PROXIES, 10.0.0.0/99",
            "ADMIN_TOKEN, too-short",
            "GAIA_VERIFY_SSL, ture",
            "GAIA_CONNECTION_POOL_SIZE, 0",
            "GAIA_PROBE_INTERVAL, abc",
            "METRICS_SESSIONS_REFRESH, abc",
            // Values of the wrong kind, which SmallRye would refuse naming only the property.
            "REQUEST_TIMEOUT_SECONDS, abc",
            "STREAM_MAX_CONCURRENT, 1e3",
            "SESSION_STORE, postgres",
            "ALLOW_CORS_ORIGIN, ''",
            // Handed on to Quarkus by application.yaml (quarkus.shutdown.delay is ${app.shutdown-delay}s):
            // Quarkus's refusal of "5ss" would be a second line, naming a property nobody set.
            "SHUTDOWN_DELAY_SECONDS, 5s",
            "SHUTDOWN_DELAY_SECONDS, 5d",
            "SHUTDOWN_TIMEOUT_SECONDS, abc",
            "DATASET_CACHE_SECONDS, 1.5",
            "GAIA_CONNECTION_POOL_SIZE, abc",
            "LOG_JSON, abc",
            "LOG_LEVEL, verbose",
            "LOG_LEVEL, CRITICAL" })
    void invalidSettingStopsStartupNamingIt(String name, String value) throws Exception {
        ProcessBuilder builder = launcher();
        Map<String, String> env = builder.environment();
        env.put(name, value);
        env.put("QUARKUS_HTTP_PORT", "0");
        String output = runToExit(builder);
        List<String> problems = output.lines().filter(line -> line.startsWith("\t")).toList();
        assertEquals(1, problems.size(), "one line that says what is wrong, no stack trace:\n" + output);
        assertTrue(problems.get(0).contains(name), "the problem names " + name + ":\n" + output);
        assertFalse(output.contains("SRCFG"), "nothing from SmallRye about a property the operator never set:\n" + output);
    }

    @Test
    void logLevelTraceLogsAtTrace() throws Exception {
        // The settings table offers TRACE; a build whose minimum level is DEBUG took it and logged at
        // DEBUG, with a WARN about "promoting it to DEBUG".
        ProcessBuilder builder = launcher();
        builder.environment().putAll(Map.of("LOG_LEVEL", "TRACE", "LOG_JSON", "false", "QUARKUS_HTTP_PORT", "0"));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains(" started in ")) {
                    break;
                }
            }
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(output.toString().contains(" started in "), "the service starts:\n" + output);
        assertTrue(output.toString().lines().anyMatch(line -> line.contains(" TRACE ")), "TRACE lines are written:\n" + output);
        assertFalse(output.toString().contains("promoting it to DEBUG"), output.toString());
    }

    @Test
    void redisStoreWithoutAnEncryptionKeyStopsStartupNamingIt() throws Exception {
        ProcessBuilder builder = launcher();
        Map<String, String> env = builder.environment();
        env.remove("SESSION_ENCRYPTION_KEY");
        env.putAll(Map.of("SESSION_STORE", "redis", "QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:1", "QUARKUS_HTTP_PORT", "0"));
        String output = runToExit(builder);
        assertTrue(output.contains("SESSION_ENCRYPTION_KEY is required"), "the error names SESSION_ENCRYPTION_KEY:\n" + output);
    }

    @Test
    void redisStoreWithoutARedisAddressStopsStartupNamingIt() throws Exception {
        ProcessBuilder builder = launcher();
        Map<String, String> env = builder.environment();
        env.remove("QUARKUS_REDIS_HOSTS");
        env.putAll(Map.of("SESSION_STORE", "redis", "SESSION_ENCRYPTION_KEY", RedisStoreProfile.ENCRYPTION_KEY,
                "QUARKUS_HTTP_PORT", "0"));
        String output = runToExit(builder);
        assertTrue(output.contains("QUARKUS_REDIS_HOSTS is required"), "the error names QUARKUS_REDIS_HOSTS:\n" + output);
    }

    /** The Redis client stopped the start with a stack trace on a port over 65535. */
    @Test
    void redisAddressWithAnImpossiblePortStopsStartupNamingIt() throws Exception {
        ProcessBuilder builder = launcher();
        builder.environment().putAll(Map.of("SESSION_STORE", "redis", "QUARKUS_REDIS_HOSTS", "redis://redis:99999",
                "SESSION_ENCRYPTION_KEY", RedisStoreProfile.ENCRYPTION_KEY, "QUARKUS_HTTP_PORT", "0"));
        String output = runToExit(builder);
        List<String> problems = output.lines().filter(line -> line.startsWith("\t")).toList();
        assertEquals(1, problems.size(), "one line that says what is wrong, no stack trace:\n" + output);
        assertTrue(problems.get(0).contains("QUARKUS_REDIS_HOSTS"), output);
    }

    @ParameterizedTest
    @CsvSource({ "not base64 at all!", "c2hvcnQta2V5", "dGVzdC1vbmx5LXNlc3Npb24tZW5jcnlwdGlvbi1rZXktdG9vLWxvbmc=" })
    void malformedEncryptionKeyStopsStartupNamingIt(String key) throws Exception {
        ProcessBuilder builder = launcher();
        builder.environment().putAll(Map.of("SESSION_STORE", "redis", "QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:1",
                "SESSION_ENCRYPTION_KEY", key, "QUARKUS_HTTP_PORT", "0"));
        String output = runToExit(builder);
        assertTrue(output.contains("SESSION_ENCRYPTION_KEY must be base64 of 32 random bytes"), output);
        assertTrue(!output.contains(key), "the bad key is not printed:\n" + output);
    }

    private static ProcessBuilder launcher() {
        return PackagedService.command();
    }

    /** Runs the service and expects it to refuse to start; returns what it printed. */
    private static String runToExit(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, "the service should refuse to start; output:\n" + output);
        assertNotEquals(0, process.exitValue());
        return output;
    }

}
