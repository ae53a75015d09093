package io.gaia.bff.observability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.RecordedRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * With tracing on, every request is a server span named by its route template and every Gaia call
 * (the stream included) a client span in the same trace; no span (name, attribute or event) holds
 * the key, the session id or the question.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    static final String QUESTION = "Which tulip-ledger rules apply to contractors?";
    static final Map<String, Object> ASK = Map.of("datasetNames", List.of("handbook"), "queryString", QUESTION);

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    // Spans leave the batch at once rather than every 5 s.
                    "quarkus.otel.bsp.schedule.delay", "0.05s",
                    // One Gaia call at a time, so a second ask waits its turn (the bulkhead's queue).
                    "gaia.max-concurrent-calls", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

    @TestHTTPResource("/")
    URL root;

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void reset() {
        gaia.reset();
        spans.reset();
    }

    @Test
    void aRequestAndItsGaiaCallAreOneTrace() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        spans.reset();

        Api.as(session).get("/api/v1/datasets/handbook/details");

        SpanData server = awaitSpan(SpanKind.SERVER, "/api/v1/datasets/{name}/details");
        assertEquals("GET /api/v1/datasets/{name}/details", server.getName());
        SpanData client = awaitSpan(SpanKind.CLIENT, "/dataset/handbook/details");
        assertEquals(server.getTraceId(), client.getTraceId(), "the Gaia call is in the request's trace");
    }

    @Test
    void aBrowsersTraceGoesOnToGaiaButItsBaggageStaysHere() {
        // A page with browser tracing (OpenTelemetry, Sentry) sends traceparent and baggage. The trace
        // is worth following into Gaia; the baggage is the page's (Sentry's holds its release,
        // environment and public key) and is nothing Gaia needs.
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        String browserTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.as(session).header("traceparent", "00-" + browserTrace + "-00f067aa0ba902b7-01")
                .header("baggage", "sentry-environment=dev,sentry-public_key=0123456789abcdef")
                .get("/api/v1/datasets/handbook/details");

        RecordedRequest details = gaia.requestsTo("/dataset/handbook/details").get(0);
        assertEquals(browserTrace, details.header("traceparent").split("-")[1], "Gaia's call is in the browser's trace");
        assertEquals(null, details.header("baggage"), "the page's baggage reached Gaia");
    }

    @Test
    void theStreamsGaiaCallIsAChildOfTheStreamRequest() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        spans.reset();

        StreamClient.read(root, session, ASK);

        SpanData server = awaitSpan(SpanKind.SERVER, "/api/v1/ask/stream");
        SpanData client = awaitSpan(SpanKind.CLIENT, "POST /ask/stream");
        assertEquals(server.getTraceId(), client.getTraceId(), "the Gaia stream is in the request's trace");
        assertEquals(server.getSpanId(), client.getParentSpanId(), "the Gaia stream is the request's child");
        assertEquals(200L, client.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    }

    /**
     * An ask that waited for another's Gaia call to finish is sent when that call ends, from that
     * call's answer: it must still go to Gaia in its own trace and with its own request id.
     */
    @Test
    void anAskThatWaitedItsTurnReachesGaiaInItsOwnTraceWithItsOwnRequestId() throws Exception {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(200, "{\"response\":\"ok\"}").afterDelay(Duration.ofMillis(400));
        spans.reset();

        ExecutorService browsers = Executors.newFixedThreadPool(2);
        try {
            Future<Response> first = browsers.submit(() -> askAs(session, "first-ask"));
            await().atMost(Duration.ofSeconds(5)).until(() -> gaia.requestsTo("/ask").size() == 1);
            Future<Response> second = browsers.submit(() -> askAs(session, "second-ask"));
            first.get(10, TimeUnit.SECONDS).then().statusCode(200).header("X-Request-ID", "first-ask");
            second.get(10, TimeUnit.SECONDS).then().statusCode(200).header("X-Request-ID", "second-ask");
        } finally {
            browsers.shutdownNow();
        }

        List<RecordedRequest> asks = gaia.requestsTo("/ask");
        assertEquals(2, asks.size(), "both asks reached Gaia");
        Duration waited = Duration.between(asks.get(0).receivedAt(), asks.get(1).receivedAt());
        assertTrue(waited.toMillis() >= 300, "the second ask waited for the first's answer, not " + waited);
        Set<String> traces = new HashSet<>();
        for (RecordedRequest ask : asks) {
            String ownId = ask.body().contains("first-ask") ? "first-ask" : "second-ask";
            assertEquals(ownId, ask.header("X-Request-ID"), "Gaia heard another request's id: " + ask.body());
            traces.add(ask.header("traceparent").split("-")[1]);
        }
        assertEquals(2, traces.size(), "each ask reached Gaia in a trace of its own: " + traces);
        for (String trace : traces) {
            SpanData server = await().atMost(Duration.ofSeconds(5))
                    .until(() -> inTrace(trace, SpanKind.SERVER), Optional::isPresent).orElseThrow();
            SpanData client = await().atMost(Duration.ofSeconds(5))
                    .until(() -> inTrace(trace, SpanKind.CLIENT), Optional::isPresent).orElseThrow();
            assertEquals("POST /api/v1/ask", server.getName());
            assertEquals(server.getSpanId(), client.getParentSpanId(), "the Gaia call is its own request's child");
        }
    }

    @Test
    void noSpanHoldsTheKeyTheSessionOrTheQuestion() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        Api.as(session).get("/api/v1/datasets");
        Api.ask(session, ASK).then().statusCode(200);
        StreamClient.read(root, session, ASK);
        gaia.on("POST", "/ask").respond(500, "{\"message\":\"failed on " + QUESTION + "\"}").times(1);
        Api.ask(session, ASK).then().statusCode(502);
        Api.logout(session);

        await().atMost(Duration.ofSeconds(5)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/v1/logout")));
        List<SpanData> all = spans.getFinishedSpanItems();
        assertTrue(all.size() >= 10, "the walk was traced: " + all.size() + " spans");
        for (SpanData span : all) {
            String everything = span.getName() + " " + span.getAttributes() + " " + span.getEvents()
                    + " " + span.getStatus() + " " + span.getResource().getAttributes();
            for (String secret : List.of(FakeGaia.GOOD_API_KEY, session, QUESTION, "tulip-ledger")) {
                assertFalse(everything.contains(secret), "span " + span.getName() + " holds " + secret + ": " + everything);
            }
        }
    }

    private static Response askAs(String session, String requestId) {
        return Api.as(session).header("X-Request-ID", requestId).contentType(ContentType.JSON)
                .body(Map.of("datasetNames", List.of("handbook"), "queryString", "asked by " + requestId))
                .when().post("/api/v1/ask");
    }

    private Optional<SpanData> inTrace(String traceId, SpanKind kind) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getKind() == kind).findFirst();
    }

    /** The finished span of this kind whose name or route/URL attributes mention {@code text}. */
    private SpanData awaitSpan(SpanKind kind, String text) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> find(kind, text), Optional::isPresent).orElseThrow();
    }

    private Optional<SpanData> find(SpanKind kind, String text) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == kind)
                .filter(span -> span.getName().contains(text)
                        || String.valueOf(span.getAttributes().get(AttributeKey.stringKey("http.route"))).contains(text)
                        || String.valueOf(span.getAttributes().get(AttributeKey.stringKey("url.full"))).contains(text))
                .findFirst();
    }
}
