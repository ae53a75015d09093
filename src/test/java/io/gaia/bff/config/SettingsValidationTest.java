package io.gaia.bff.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.gaia.bff.admin.AdminConfig;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;

/**
 * Every rule on the service's settings, checked the way the service builds its configuration (the
 * packaged service's start is covered by StartupValidationIT).
 */
class SettingsValidationTest {

    private static final Map<String, String> REQUIRED = Map.of(
            "gaia.base-url", "https://helios.example.com/v2/mcm/gaia",
            "app.cors-origins", "http://localhost:5173");

    @Test
    void theDefaultsPass() {
        assertDoesNotThrow(() -> build(Map.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gaia.base-url | not a url | GAIA_BASE_URL",
            "gaia.base-url | ftp://gaia.example.com/v2 | GAIA_BASE_URL",
            "gaia.base-url | https://gaia.example.com/v2?tenant=1 | GAIA_BASE_URL",
            // Shaped like URLs, but the clients find no host or port in them: every call failed as Gaia unreachable.
            "gaia.base-url | http://gaia_sim:8080 | GAIA_BASE_URL",
            "gaia.base-url | http://gaia:99999 | GAIA_BASE_URL",
            "gaia.base-url | http://gaia:abc/v2 | GAIA_BASE_URL",
            // Not a URL at all to java.net.URI: this stopped the start with a stack trace.
            "gaia.base-url | http://gai^a/v2 | GAIA_BASE_URL",
            // Gaia takes its key in a header; a password here would be printed in the startup line.
            "gaia.base-url | https://user:secret@gaia.example.com/v2 | GAIA_BASE_URL",
            "gaia.request-timeout | 0 | REQUEST_TIMEOUT_SECONDS",
            "gaia.connect-timeout | 0 | GAIA_CONNECT_TIMEOUT_SECONDS",
            "gaia.max-concurrent-calls | 0 | GAIA_MAX_CONCURRENT_CALLS",
            "gaia.connection-pool-size | 0 | GAIA_CONNECTION_POOL_SIZE",
            "gaia.answer-memory-mb | 0 | GAIA_ANSWER_MEMORY_MB",
            "gaia.reachability-probe-interval | abc | GAIA_PROBE_INTERVAL",
            "gaia.reachability-probe-interval | 0s | GAIA_PROBE_INTERVAL",
            "gaia.reachability-probe-interval | 500ms | GAIA_PROBE_INTERVAL",
            "metrics.sessions-refresh | abc | METRICS_SESSIONS_REFRESH",
            "metrics.sessions-refresh | off | METRICS_SESSIONS_REFRESH",
            "gaia.retry.max | -1 | GAIA_RETRY_MAX",
            "gaia.retry.delay | 0 | GAIA_RETRY_DELAY_SECONDS",
            "gaia.retry.max-delay | 0 | GAIA_RETRY_MAX_DELAY_SECONDS",
            "gaia.retry.deadline | 0 | GAIA_RETRY_DEADLINE_SECONDS",
            "gaia.breaker.failure-ratio | 0 | GAIA_BREAKER_FAILURE_RATIO",
            "gaia.breaker.failure-ratio | 1.5 | GAIA_BREAKER_FAILURE_RATIO",
            "gaia.breaker.request-volume | 0 | GAIA_BREAKER_REQUEST_VOLUME",
            "gaia.breaker.delay | 0 | GAIA_BREAKER_DELAY_SECONDS",
            "session.idle-seconds | 0 | SESSION_IDLE_SECONDS",
            "session.ttl-seconds | 0 | SESSION_TTL_SECONDS",
            "session.max-total | 0 | SESSION_MAX_TOTAL",
            "session.max-per-key | 0 | SESSION_MAX_PER_KEY",
            "session.store-timeout | 0 | SESSION_STORE_TIMEOUT_SECONDS",
            "app.cors-origins | http://localhost:5173/app | ALLOW_CORS_ORIGIN",
            "app.cors-origins | 'http://localhost:5173,localhost:3000' | ALLOW_CORS_ORIGIN",
            "app.dataset-cache-seconds | -1 | DATASET_CACHE_SECONDS",
            "live.auth-timeout | 0 | WS_AUTH_TIMEOUT_SECONDS",
            "live.max-message-bytes | 0 | WS_MAX_MESSAGE_BYTES",
            // The WebSocket layer drops a bigger message's socket before the service can answer it.
            "live.max-message-bytes | 1048577 | WS_MAX_MESSAGE_BYTES",
            // Quarkus takes a negative delay or timeout and silently skips the drain.
            "app.shutdown-delay | -1 | SHUTDOWN_DELAY_SECONDS",
            "app.shutdown-timeout | -1 | SHUTDOWN_TIMEOUT_SECONDS",
            "app.tracing-endpoint | otel-collector:4317 | OTEL_EXPORTER_OTLP_ENDPOINT",
            // The exporter stopped the start with a stack trace on these.
            "app.tracing-endpoint | http://otel_collector:4317 | OTEL_EXPORTER_OTLP_ENDPOINT",
            "app.tracing-endpoint | http://otel-collector:99999 | OTEL_EXPORTER_OTLP_ENDPOINT",
            "rate-limit.login-attempts | 0 | RATE_LIMIT_LOGIN_PER_MINUTE",
            "rate-limit.asks | 0 | RATE_LIMIT_ASKS_PER_MINUTE",
            "rate-limit.window | 0 | RATE_LIMIT_WINDOW_SECONDS",
            "rate-limit.trusted-proxies | proxy.example.com | TRUSTED_PROXIES",
            "rate-limit.trusted-proxies | '10.0.0.0/8,gateway' | TRUSTED_PROXIES",
            // Shaped like addresses, but not addresses or ranges: these stopped the start with a stack trace.
            "rate-limit.trusted-proxies | 10.0.0.0/33 | TRUSTED_PROXIES",
            "rate-limit.trusted-proxies | 10.0.0.300 | TRUSTED_PROXIES",
            "rate-limit.trusted-proxies | ::1/200 | TRUSTED_PROXIES",
            "stream.heartbeat | 0 | STREAM_HEARTBEAT_SECONDS",
            "stream.idle-timeout | 0 | STREAM_IDLE_TIMEOUT_SECONDS",
            "stream.max-duration | 0 | STREAM_MAX_DURATION_SECONDS",
            "stream.max-concurrent | 0 | STREAM_MAX_CONCURRENT",
            "admin.token | fifteen-chars-x | ADMIN_TOKEN" })
    void aBadValueIsRefusedNamingTheSettingAndItsVariable(String property, String value, String variable) {
        String problem = onlyProblem(() -> build(Map.of(property, value)));

        assertTrue(problem.startsWith(property + " (" + variable + ") must "), problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "app.dataset-cache-seconds | 0",
            "app.cors-origins | '*'",
            "app.cors-origins | 'https://app.example.com,http://127.0.0.1:5173'",
            // Quarkus's CORS filter reads "a, b" as a and b.
            "app.cors-origins | 'http://localhost:5173, http://127.0.0.1:5173'",
            "gaia.base-url | http://gaia:8080/",
            "gaia.base-url | http://[::1]:8080/gaia-sim",
            "gaia.base-url | https://gaia-sim.default.svc.cluster.local/v2/mcm/gaia",
            "gaia.request-timeout | 0.5",
            "gaia.retry.max | 0",
            "gaia.breaker.failure-ratio | 0.01",
            "gaia.breaker.failure-ratio | 1",
            "rate-limit.trusted-proxies | ' 10.0.0.0/8, 192.168.1.7, fd00::/8'",
            "admin.token | sixteen-chars-xx",
            "gaia.connection-pool-size | 1",
            "gaia.reachability-probe-interval | off",
            "gaia.reachability-probe-interval | PT1M",
            "metrics.sessions-refresh | 1s",
            "gaia.verify-ssl | FALSE",
            "live.max-message-bytes | 1048576",
            "app.shutdown-delay | 0",
            "app.shutdown-delay | 1.5",
            "app.shutdown-timeout | 0",
            "app.log-json | False",
            "app.tracing-endpoint | http://otel-collector:4317",
            "app.tracing-endpoint | https://otlp.example.com/v1/traces" })
    void aValueAtTheEdgeOfItsRangeIsAccepted(String property, String value) {
        assertDoesNotThrow(() -> build(Map.of(property, value)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "notaurl", "localhost:6379", "http://redis:6379", "redis://redis:6379,redis-2:6379" })
    void aRedisAddressThatIsNotARedisUrlIsRefusedWithTheRedisStore(String hosts) {
        String problem = onlyProblem(() -> build(Map.of("session.store", "redis", "session.redis-hosts", hosts)));

        assertTrue(problem.startsWith("session.redis-hosts (QUARKUS_REDIS_HOSTS) must be Redis URLs"), problem);
        assertFalse(problem.contains(hosts), "the value may hold a password: " + problem);
    }

    @ParameterizedTest
    @ValueSource(strings = { "redis://redis_1:6379", "redis://redis:99999", "redis://a:6379,redis://b:0" })
    void aRedisUrlWithoutAUsableHostOrPortIsRefusedSayingSo(String hosts) {
        String problem = onlyProblem(() -> build(Map.of("session.store", "redis", "session.redis-hosts", hosts)));

        assertEquals("session.redis-hosts (QUARKUS_REDIS_HOSTS) must name a host (letters, digits, hyphens and dots: "
                + "no underscores) and a port from 1 to 65535", problem);
    }

    @ParameterizedTest
    @ValueSource(strings = { "redis://redis:6379", "rediss://:secret@redis.example.com:6380/1",
            "redis://a:6379, redis://b:6379", "unix:///var/run/redis.sock" })
    void redisUrlsArePassedWithTheRedisStore(String hosts) {
        assertDoesNotThrow(() -> build(Map.of("session.store", "redis", "session.redis-hosts", hosts)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REQUEST_TIMEOUT_SECONDS | abc | gaia.request-timeout (REQUEST_TIMEOUT_SECONDS) must be a number",
            "GAIA_RETRY_MAX | two | gaia.retry.max (GAIA_RETRY_MAX) must be a whole number",
            "STREAM_MAX_CONCURRENT | 1e3 | stream.max-concurrent (STREAM_MAX_CONCURRENT) must be a whole number",
            "SESSION_IDLE_SECONDS | 30m | session.idle-seconds (SESSION_IDLE_SECONDS) must be a whole number",
            // Java reads these as 5.0 and infinity; "5d" may well mean five days.
            "STREAM_HEARTBEAT_SECONDS | 5d | stream.heartbeat (STREAM_HEARTBEAT_SECONDS) must be a number",
            "SHUTDOWN_DELAY_SECONDS | Infinity | app.shutdown-delay (SHUTDOWN_DELAY_SECONDS) must be a number",
            // Read as booleans, any word but true would turn certificate checks off or switch production logs to text.
            "GAIA_VERIFY_SSL | ture | gaia.verify-ssl (GAIA_VERIFY_SSL) must be true or false",
            "GAIA_VERIFY_SSL | yes | gaia.verify-ssl (GAIA_VERIFY_SSL) must be true or false",
            "LOG_JSON | maybe | app.log-json (LOG_JSON) must be true or false",
            "LOG_LEVEL | verbose | app.log-level (LOG_LEVEL) must be one of off, fatal, error, warn, info, debug, trace, all, "
                    + "severe, warning, config, fine, finer, finest",
            "SESSION_STORE | postgres | session.store (SESSION_STORE) must be one of memory, redis",
            "SESSION_PER_KEY_OVERFLOW | drop | session.per-key-overflow (SESSION_PER_KEY_OVERFLOW) must be one of evict-oldest, refuse",
            "ALLOW_CORS_ORIGIN | '' | app.cors-origins (ALLOW_CORS_ORIGIN) must not be empty: leave it unset for the default",
            "SESSION_TTL_SECONDS | ' ' | session.ttl-seconds (SESSION_TTL_SECONDS) must not be empty: leave it unset for the default" })
    void aValueOfTheWrongKindIsRefusedNamingTheVariableThatSetIt(String variable, String value, String problem) {
        assertEquals(problem, onlyProblem(() -> buildFromApplicationYaml(Map.of(variable, value))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REQUEST_TIMEOUT_SECONDS | ' 0.5 '",
            "STREAM_HEARTBEAT_SECONDS | .5",
            "GAIA_BREAKER_FAILURE_RATIO | 1",
            "STREAM_MAX_CONCURRENT | 10",
            "SESSION_STORE | MEMORY",
            "SESSION_PER_KEY_OVERFLOW | refuse",
            // Optional: empty means none.
            "GAIA_RETRY_DEADLINE_SECONDS | ''",
            "TRUSTED_PROXIES | ''" })
    void aValueOfTheRightKindSetThroughItsVariableIsAccepted(String variable, String value) {
        assertDoesNotThrow(() -> buildFromApplicationYaml(Map.of(variable, value)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "debug | debug", "WARN | WARN", "warning | warning",
            // Quarkus's log level, unlike the service's own settings, would refuse the spaces.
            "'debug ' | debug", "' info' | info" })
    void theLogLevelSetThroughLogLevelIsTheOneQuarkusLogsAt(String variable, String level) throws IOException {
        SmallRyeConfig config = buildFromApplicationYaml(Map.of("LOG_LEVEL", variable));

        assertEquals(level, config.getValue("quarkus.log.level", String.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "' TRUE ' | true", "False | false" })
    void certificateChecksFollowGaiaVerifySslAsWritten(String value, boolean checked) throws IOException {
        SmallRyeConfig config = buildFromApplicationYaml(Map.of("GAIA_VERIFY_SSL", value));

        assertEquals(checked, config.getConfigMapping(GaiaConfig.class).verifySsl());
    }

    @ParameterizedTest
    @CsvSource({ "gaia.api-key, GAIA_API_KEY", "gaia.security-context, GAIA_SECURITY_CONTEXT", "admin.token, ADMIN_TOKEN" })
    void aHeaderSettingWithALineBreakInsideIsRefused(String property, String variable) {
        String problem = onlyProblem(() -> build(Map.of(property, "tenant-7-0123456789\r\nX-Injected: 1")));

        assertEquals(property + " (" + variable + ") must be printable ASCII: it is sent in an HTTP header", problem);
    }

    @Test
    void theGaiaKeyForTheProbeIsUsedWithoutTheNewlineASecretFileEndsIn() {
        SmallRyeConfig config = build(Map.of("gaia.api-key", "server-key-1\n"));

        assertEquals(Optional.of("server-key-1"), config.getConfigMapping(GaiaConfig.class).apiKey());
    }

    @Test
    void aShortOperatorTokenIsNotLengthenedByItsNewline() {
        String problem = onlyProblem(() -> build(Map.of("admin.token", "fifteen-chars-x\n")));

        assertTrue(problem.startsWith("admin.token (ADMIN_TOKEN) must be at least 16 characters"), problem);
    }

    @Test
    void everyProblemIsListedAtOnce() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class,
                () -> build(Map.of("session.ttl-seconds", "0", "session.max-total", "0", "admin.token", "short")));

        assertEquals(3, refused.getProblemCount(), refused.getMessage());
    }

    /** The one problem that building the configuration was refused for. */
    private static String onlyProblem(Executable build) {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class, build);
        assertEquals(1, refused.getProblemCount(), refused.getMessage());
        return refused.getProblem(0).getMessage();
    }

    private static SmallRyeConfig build(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(REQUIRED);
        all.putAll(settings);
        return build(new PropertiesConfigSource(all, "test", 100));
    }

    /** The service's own application.yaml, with {@code environment} standing in for the environment. */
    private static SmallRyeConfig buildFromApplicationYaml(Map<String, String> environment) throws IOException {
        return build(new YamlConfigSource(SettingsValidationTest.class.getResource("/application.yaml"), 250),
                new PropertiesConfigSource(environment, "environment", 300));
    }

    private static SmallRyeConfig build(ConfigSource... sources) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(sources)
                .withMapping(GaiaConfig.class)
                .withMapping(SessionConfig.class)
                .withMapping(AppConfig.class)
                .withMapping(LiveConfig.class)
                .withMapping(RateLimitConfig.class)
                .withMapping(StreamConfig.class)
                .withMapping(AdminConfig.class)
                .withMapping(MetricsConfig.class)
                .withCustomizers(new SettingsValidation())
                .build();
    }
}
