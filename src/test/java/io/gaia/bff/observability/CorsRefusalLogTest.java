package io.gaia.bff.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.gaia.bff.support.LogCapture;
import io.gaia.bff.support.LogCapture.Entry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A page the CORS check refuses learns only "blocked by CORS policy" from its browser, and the 403
 * has no body: the service's log names the origin and the setting that would allow it, once per
 * origin, and never echoes what is not an origin.
 */
@QuarkusTest
@TestProfile(CorsRefusalLogTest.CapturedLog.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorsRefusalLogTest {

    static final LogCapture LOG = LogCapture.named("cors-refusals");

    public static class CapturedLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LOG.serviceConfig("INFO");
        }
    }

    private static int preflightFrom(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .options("/api/v1/ask").statusCode();
    }

    private static List<Entry> refusals(String marker) {
        LOG.awaitContaining(marker);
        return LOG.entries().stream().filter(e -> e.message().startsWith("CORS refused")).toList();
    }

    @Test
    void aRefusedOriginIsNamedOnceWithTheSettingThatAllowsIt() {
        assertEquals(403, preflightFrom("http://localhost:3000"));
        assertEquals(403, given().header("Origin", "http://localhost:3000").get("/api/v1/datasets").statusCode());
        assertEquals(403, preflightFrom("http://localhost:3000"));

        List<Entry> named = refusals("origin http://localhost:3000").stream()
                .filter(e -> e.message().contains("http://localhost:3000")).toList();
        assertEquals(1, named.size(), "once per origin: " + named);
        Entry line = named.get(0);
        assertEquals("WARN", line.level());
        assertTrue(line.message().contains("ALLOW_CORS_ORIGIN (http://localhost:5173,http://127.0.0.1:5173)"), line.message());
        assertTrue(line.inRequest(), "carries the request id: " + line);
    }

    @Test
    void anAllowedOriginIsNotMentioned() {
        assertEquals(200, preflightFrom("http://localhost:5173"));
        preflightFrom("http://localhost:4999");
        List<Entry> lines = refusals("origin http://localhost:4999");
        assertFalse(lines.stream().anyMatch(e -> e.message().contains("origin http://localhost:5173")), lines.toString());
    }

    @Test
    void aHeaderAnAllowedPageMayNotSendIsNamedOnceWithTheSettingThatAllowsIt() {
        for (int i = 0; i < 2; i++) {
            assertEquals(200, given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type, x-session-id, authorization")
                    .options("/api/v1/ask").statusCode());
        }
        LOG.awaitContaining("header authorization");
        List<Entry> named = LOG.entries().stream().filter(e -> e.message().startsWith("CORS does not allow")).toList();
        assertEquals(1, named.size(), "once per header, and only the one not allowed: " + named);
        Entry line = named.get(0);
        assertEquals("WARN", line.level());
        assertTrue(line.message().startsWith("CORS does not allow the header authorization, which a page at "
                + "http://localhost:5173 asks to send"), line.message());
        assertTrue(line.message().contains("QUARKUS_HTTP_CORS_HEADERS"), line.message());
    }

    @Test
    void aPageOpenedFromAFileIsToldApart() {
        assertEquals(403, preflightFrom("null"));
        assertTrue(refusals("origin null").stream().anyMatch(e -> e.message().contains("origin null: a page opened from a file")),
                LOG.read());
    }

    @Test
    void whatIsNotAnOriginIsNeverEchoed() {
        String typed = "javascript:alert('sk-pasted-key-0123456789')";
        preflightFrom(typed);
        String log = LOG.awaitContaining("Origin header is not an origin");
        assertTrue(log.contains("Origin header is not an origin (not shown)"), log);
        assertFalse(log.contains("sk-pasted-key"), log);
    }

    /** Last: once the cap is reached, no origin is named any more. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aClientInventingOriginsCannotFillTheLog() {
        for (int i = 0; i < CorsRefusals.MAX_ORIGINS_NAMED + 20; i++) {
            preflightFrom("https://invented-" + i + ".example");
        }
        LOG.awaitContaining("further ones are not logged");
        long invented = LOG.entries().stream().filter(e -> e.message().contains("invented-")).count();
        assertTrue(invented <= CorsRefusals.MAX_ORIGINS_NAMED, invented + " origins named");
        assertEquals(1, LOG.entries().stream().filter(e -> e.message().contains("further ones are not logged")).count());
    }
}
