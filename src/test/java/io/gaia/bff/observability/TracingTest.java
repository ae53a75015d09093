package io.gaia.bff.observability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.InjectFakeGaia;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

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
                    "quarkus.otel.bsp.schedule.delay", "0.05s");
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
