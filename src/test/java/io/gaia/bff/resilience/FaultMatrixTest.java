package io.gaia.bff.resilience;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.gaia.bff.datasets.DatasetCatalog;
import io.gaia.bff.gaia.GaiaGuards;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.LogCapture;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every way Gaia fails, against the resilience settings of {@link FaultMatrixProfile}: what the
 * user gets (status, code, Retry-After), how many requests Gaia saw (reads retried, asks and logins
 * not), how long it took, and that the service recovers when Gaia does. Time bounds are generous
 * for CI; "fast" means well under the 1 s response timeout. The last test reads the log the whole
 * matrix wrote.
 */
@QuarkusTest
@TestProfile(FaultMatrixProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixTest {

    /** Every session id the matrix used: none may be logged. */
    private static final Set<String> SESSIONS = ConcurrentHashMap.newKeySet();

    private static final Map<String, Object> QUESTION = Map.of("datasetNames", List.of("handbook"), "queryString", "q");
    private static final String DETAILS = "{\"name\":\"handbook\",\"id\":\"0a1b\"}";

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    GaiaGuards guards;

    @Inject
    @CacheName(DatasetCatalog.CACHE)
    Cache datasetCache;

    String session;

    @BeforeEach
    void reset() {
        gaia.reset();
        guards.reset();
        datasetCache.invalidateAll().await().indefinitely();
        session = Api.login(FakeGaia.GOOD_API_KEY);
        SESSIONS.add(session);
        gaia.reset();
    }

    private Response datasets() {
        return Api.as(session).get("/api/v1/datasets");
    }

    private Response details() {
        return Api.as(session).get("/api/v1/datasets/handbook/details");
    }

    private Response ask() {
        return Api.ask(session, QUESTION);
    }

    private int requests(String path) {
        return gaia.requestsTo(path).size();
    }

    private String breaker() {
        return given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .extract().path("checks.find { it.name == 'gaia' }.data.breaker");
    }

    /** The state /q/metrics reports for the breaker: the one series of gaia_breaker_state at 1. */
    private static String breakerMetric() {
        List<String> current = given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("gaia_breaker_state{") && line.endsWith(" 1.0"))
                .map(line -> line.replaceAll(".*state=\"([a-z_]+)\".*", "$1")).toList();
        assertEquals(1, current.size(), "exactly one breaker state is current: " + current);
        return current.get(0);
    }

    // --- retried reads ---

    @Test
    void readIsRetriedAfter503AndSucceeds() {
        gaia.on("GET", "/datasets").respond(503, "{\"message\":\"busy\"}").times(1);
        datasets().then().statusCode(200).time(lessThan(3000L));
        assertEquals(2, requests("/datasets"));
    }

    @Test
    void detailsAreRetriedAfter502And504() {
        gaia.on("GET", "/dataset/handbook/details").respond(502, "<html>bad gateway</html>").withContentType("text/html").times(1);
        gaia.on("GET", "/dataset/handbook/details").respond(504, "{}").times(1);
        gaia.on("GET", "/dataset/handbook/details").respond(200, DETAILS);
        details().then().statusCode(200).body("id", equalTo("0a1b"));
        assertEquals(3, requests("/dataset/handbook/details"));
    }

    @Test
    void readIsRetriedAfterAConnectionReset() {
        gaia.on("GET", "/datasets").resetConnection().times(1);
        datasets().then().statusCode(200);
        assertEquals(2, requests("/datasets"));
    }

    @Test
    void persistent503GivesUpAfterMaxRetries() {
        gaia.on("GET", "/datasets").respond(503, "{\"message\":\"cluster down\"}");
        datasets().then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("GAIA_UNAVAILABLE")).time(lessThan(3000L));
        assertEquals(3, requests("/datasets"), "first attempt + GAIA_RETRY_MAX=2 retries");
    }

    @Test
    void slowReadIs504WithinTheRetryDeadline() {
        gaia.on("GET", "/datasets").hang();
        datasets().then().statusCode(504).body("code", equalTo("GAIA_TIMEOUT")).time(lessThan(5000L));
        int attempts = requests("/datasets");
        assertTrue(attempts >= 1 && attempts <= 2, "no attempt starts after the 1.5 s deadline: " + attempts);
    }

    // --- never retried ---

    @Test
    void readIsNotRetriedOn500() {
        gaia.on("GET", "/datasets").respond(500, "{\"message\":\"index shard lost\"}");
        datasets().then().statusCode(502).body("code", equalTo("GAIA_ERROR"))
                .body("detail", containsString("index shard lost"));
        assertEquals(1, requests("/datasets"));
    }

    @Test
    void readIsNotRetriedOn4xx() {
        gaia.on("GET", "/dataset/handbook/details").respond(404, "{\"message\":\"Dataset handbook not found\"}");
        details().then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        assertEquals(1, requests("/dataset/handbook/details"));
    }

    @Test
    void nonJsonBodyIs502BadResponseAndNotRetried() {
        gaia.on("GET", "/datasets").respond(200, "this is not json").withContentType("application/json");
        datasets().then().statusCode(502).body("code", equalTo("GAIA_BAD_RESPONSE"));
        assertEquals(1, requests("/datasets"));
    }

    @Test
    void rateLimitIs429WithGaiasRetryAfterAndNotRetried() {
        gaia.on("GET", "/datasets").respond(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "17");
        datasets().then().statusCode(429).body("code", equalTo("RATE_LIMITED")).header("Retry-After", "17");
        assertEquals(1, requests("/datasets"));
    }

    @Test
    void askIsNeverRetried() {
        gaia.on("POST", "/ask").respond(503, "{\"message\":\"busy\"}").times(1);
        ask().then().statusCode(502).body("code", equalTo("GAIA_UNAVAILABLE"));
        assertEquals(1, requests("/ask"));
        ask().then().statusCode(200);
    }

    @Test
    void askResetMidResponseIs502AndNotRetried() {
        gaia.on("POST", "/ask").resetConnection();
        ask().then().statusCode(502).contentType("application/problem+json").time(lessThan(3000L));
        assertEquals(1, requests("/ask"));
    }

    @Test
    void slowAskIs504InBoundedTime() {
        gaia.on("POST", "/ask").respond(200, "{}").afterDelay(Duration.ofSeconds(3));
        ask().then().statusCode(504).body("code", equalTo("GAIA_TIMEOUT")).time(lessThan(2500L));
        assertEquals(1, requests("/ask"));
    }

    @Test
    void loginIsNeverRetried() {
        gaia.on("GET", "/datasets").respond(503, "{\"message\":\"cluster down\"}");
        given().contentType(ContentType.JSON).body(Map.of("api_key", FakeGaia.GOOD_API_KEY)).post("/api/v1/login")
                .then().statusCode(502).body("code", equalTo("GAIA_UNAVAILABLE"));
        assertEquals(1, requests("/datasets"));
    }

    // --- circuit breaker ---

    @Test
    void breakerOpensAfterRepeatedFailuresFailsFastThenClosesWhenGaiaRecovers() throws Exception {
        gaia.on("POST", "/ask").respond(500, "{\"message\":\"LLM backend failed\"}");
        for (int i = 0; i < 4; i++) {
            ask().then().statusCode(502).body("code", equalTo("GAIA_ERROR"));
        }
        assertEquals("open", breaker());
        assertEquals("open", breakerMetric());

        long started = System.nanoTime();
        Response refused = ask();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        refused.then().statusCode(503).contentType("application/problem+json").body("code", equalTo("GAIA_UNAVAILABLE"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After is the remaining open delay: " + retryAfter);
        assertTrue(tookMillis < 500, "an open breaker answers at once, took " + tookMillis + " ms");
        assertEquals(4, requests("/ask"), "the refused call never reached Gaia");

        // Reads too (and an open breaker is not retried), and streams.
        datasets().then().statusCode(503).body("code", equalTo("GAIA_UNAVAILABLE")).header("Retry-After", not(equalTo(null)));
        assertEquals(0, requests("/datasets"));
        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream").body(QUESTION)
                .post("/api/v1/ask/stream")
                .then().statusCode(503).body("code", equalTo("GAIA_UNAVAILABLE"));
        assertEquals(0, requests("/ask/stream"));

        gaia.reset(); // Gaia recovers
        Thread.sleep(FaultMatrixProfile.BREAKER_DELAY_MILLIS + 300);
        ask().then().statusCode(200);
        assertEquals("closed", breaker());
        assertEquals("closed", breakerMetric());
        datasets().then().statusCode(200);
    }

    @Test
    void breakerOpensOnTimeoutsAndConnectionResets() {
        gaia.on("GET", "/dataset/handbook/details").resetConnection();
        details().then().statusCode(502); // 3 attempts, 3 failures
        gaia.on("POST", "/ask").hang();
        ask().then().statusCode(504); // the 4th
        assertEquals("open", breaker());
        ask().then().statusCode(503).body("code", equalTo("GAIA_UNAVAILABLE")).time(lessThan(500L));
    }

    @Test
    void clientErrorsDoNotOpenTheBreaker() {
        gaia.on("POST", "/ask").respond(404, "{\"message\":\"Dataset handbook not found\"}").times(3);
        gaia.on("POST", "/ask").respond(401, "{\"errorCode\":\"KStatusUnauthorized\"}").times(1);
        gaia.on("POST", "/ask").respond(429, "{\"message\":\"slow down\"}").times(2);
        for (int i = 0; i < 3; i++) {
            ask().then().statusCode(404);
        }
        String other = Api.login(FakeGaia.GOOD_API_KEY);
        SESSIONS.add(other);
        Api.ask(other, QUESTION).then().statusCode(401);
        for (int i = 0; i < 2; i++) {
            ask().then().statusCode(429);
        }
        assertEquals("closed", breaker());
        ask().then().statusCode(200);
    }

    // --- bulkhead ---

    @Test
    void callsBeyondTheConcurrencyLimitAreRefusedAsBusy() throws Exception {
        gaia.on("POST", "/ask").respond(200, "{\"answer\":\"late\"}").afterDelay(Duration.ofMillis(700));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(pool.submit(() -> ask()));
            }
            int ok = 0;
            int busy = 0;
            for (Future<Response> call : calls) {
                Response r = call.get(10, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    ok++;
                } else {
                    r.then().statusCode(503).body("code", equalTo("GAIA_BUSY")).header("Retry-After", "1");
                    busy++;
                }
            }
            assertTrue(busy >= 1, "2 in flight + 1 waiting: at least one of 5 refused, ok=" + ok);
            assertTrue(ok >= 2, "the calls within the limit are answered, ok=" + ok);
        } finally {
            pool.shutdownNow();
        }
        assertEquals("closed", breaker(), "refusals are not Gaia's failures");
        ask().then().statusCode(200);
    }

    // --- what the matrix logged ---

    @Test
    @Order(Integer.MAX_VALUE) // after every other case, so the log holds the whole matrix
    void everyLineLoggedWhileServingTheMatrixCarriesItsRequestIdAndNoSecret() {
        LogCapture log = FaultMatrixProfile.LOG;

        // Whatever ran before this case, the log must show requests of each kind of outcome.
        ask().then().statusCode(200);
        gaia.on("POST", "/ask").respond(429, "{\"message\":\"slow down\"}").times(1);
        ask().then().statusCode(429);
        gaia.on("POST", "/ask").respond(500, "{\"message\":\"boom\"}").times(1);
        ask().then().statusCode(502);
        String text = log.awaitContaining("route=/api/v1/ask status=502");
        List<LogCapture.Entry> entries = log.entries();
        for (String status : List.of("200", "429", "502")) {
            assertTrue(entries.stream().anyMatch(e -> e.message().contains("route=/api/v1/ask status=" + status)),
                    "no access line for an ask answered " + status);
        }

        List<LogCapture.Entry> served = log.whileRunning().stream().filter(e -> !breakerTimer(e)).toList();
        assertTrue(served.size() > 50, "the matrix logged its requests: " + served.size() + " lines");
        List<LogCapture.Entry> anonymous = served.stream().filter(e -> !e.inRequest()).toList();
        assertTrue(anonymous.isEmpty(), "lines logged while serving requests without a request id:\n"
                + String.join("\n", anonymous.stream().map(LogCapture.Entry::toString).toList()));

        assertFalse(text.contains(FakeGaia.GOOD_API_KEY), "the log holds the API key");
        for (String id : SESSIONS) {
            assertFalse(text.contains(id), "the log holds a session id");
        }
    }

    /** The breaker's own timer letting a trial call through: the one line of the matrix no request causes. */
    private static boolean breakerTimer(LogCapture.Entry entry) {
        return entry.message().startsWith("Gaia circuit breaker OPEN -> HALF_OPEN");
    }
}
