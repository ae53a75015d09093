package io.gaia.bff.upstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.datasets.DatasetCatalog;
import io.gaia.bff.gaia.GaiaLimits;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.FakeGaiaProfile;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.SseScript;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * However much Gaia sends, the service holds a bounded part of it: a JSON answer over
 * {@link GaiaLimits#MAX_BODY_BYTES} is a quick 502 GAIA_BAD_RESPONSE, a streamed event over
 * {@link GaiaLimits#MAX_EVENT_BYTES} ends the stream with that error, and in both cases the connection
 * to Gaia is closed rather than read to its end. (The profile's 1 s request timeout makes "quick"
 * visible: an answer still being read would end as 504 GAIA_TIMEOUT instead.)
 */
@QuarkusTest
@TestProfile(FakeGaiaProfile.class)
class OversizedGaiaAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> QUESTION = Map.of("datasetNames", List.of("handbook"), "queryString", "q");
    /** Well past the limit, and no newline in it: a line a parser would have to buffer whole. */
    private static final String OVER_THE_EVENT_LIMIT = "x".repeat(GaiaLimits.MAX_EVENT_BYTES + 1024 * 1024);

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    @CacheName(DatasetCatalog.CACHE)
    Cache datasetCache;

    @TestHTTPResource("/")
    URL root;

    String session;

    @BeforeEach
    void login() {
        gaia.reset();
        datasetCache.invalidateAll().await().indefinitely();
        session = Api.login(FakeGaia.GOOD_API_KEY);
    }

    /** A dataset list of about {@code bytes} bytes, valid JSON. */
    private static String datasetListOf(int bytes) {
        StringBuilder list = new StringBuilder(bytes + 200).append("{\"datasets\":[");
        String padding = "p".repeat(1000);
        for (int i = 0; list.length() < bytes; i++) {
            list.append(i == 0 ? "" : ",").append("{\"name\":\"ds-").append(i).append("\",\"description\":\"")
                    .append(padding).append("\"}");
        }
        return list.append("]}").toString();
    }

    @Test
    void aDatasetListDeclaredAsTwoGigabytesIsRefusedBeforeItIsRead() {
        gaia.on("GET", "/datasets").respondDeclaring(200, 2L * 1024 * 1024 * 1024, "{\"datasets\":[");
        Api.as(session).get("/api/v1/datasets")
                .then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("GAIA_BAD_RESPONSE"))
                .body("detail", equalTo("Gaia's answer was larger than the 8 MiB limit"))
                .time(lessThan(3L), TimeUnit.SECONDS);
        assertTrue(gaia.awaitClientClosed("/datasets", Duration.ofSeconds(2)), "the connection to Gaia was closed");
        assertEquals(2, gaia.requestsTo("/datasets").size(), "the login's key check and one list: not retried");
    }

    @Test
    void aChunkedDatasetListOverTheLimitIsCutOffAndA502() {
        gaia.on("GET", "/datasets").stream(SseScript.sse().raw(datasetListOf(GaiaLimits.MAX_BODY_BYTES + 2 * 1024 * 1024))
                .thenHang()).withContentType("application/json");
        Api.as(session).get("/api/v1/datasets")
                .then().statusCode(502).body("code", equalTo("GAIA_BAD_RESPONSE"))
                .time(lessThan(3L), TimeUnit.SECONDS);
        assertTrue(gaia.awaitClientClosed("/datasets", Duration.ofSeconds(2)), "the connection to Gaia was closed");
    }

    @Test
    void anAnswerOverTheLimitIsA502() {
        String answer = "{\"responseString\":\"" + "y".repeat(GaiaLimits.MAX_BODY_BYTES) + "\",\"documents\":[]}";
        gaia.on("POST", "/ask").stream(SseScript.sse().raw(answer).thenHang()).withContentType("application/json");
        Api.ask(session, QUESTION).then().statusCode(502).body("code", equalTo("GAIA_BAD_RESPONSE"));
        assertTrue(gaia.awaitClientClosed("/ask", Duration.ofSeconds(2)), "the connection to Gaia was closed");
    }

    @Test
    void aLoginWhoseKeyCheckAnswersTooMuchIsA502NotABadKey() {
        gaia.on("GET", "/datasets").respondDeclaring(200, 100L * 1024 * 1024, "[");
        given().contentType(ContentType.JSON).body(Map.of("api_key", FakeGaia.GOOD_API_KEY)).post("/api/v1/login")
                .then().statusCode(502).body("code", equalTo("GAIA_BAD_RESPONSE"));
        assertTrue(gaia.awaitClientClosed("/datasets", Duration.ofSeconds(2)), "the connection to Gaia was closed");
    }

    @Test
    void aLargeDatasetListWithinTheLimitStillPasses() {
        gaia.on("GET", "/datasets").stream(SseScript.sse().raw(datasetListOf(3 * 1024 * 1024)))
                .withContentType("application/json");
        Api.as(session).get("/api/v1/datasets").then().statusCode(200).body("datasets", hasSize(greaterThan(2000)));
    }

    @Test
    void aStreamedEventOverTheLimitEndsTheStreamWithAnErrorAndClosesGaiasConnection() throws Exception {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"partial \"}")
                .raw("data: {\"responseString\":\"" + OVER_THE_EVENT_LIMIT)
                .thenHang());
        List<Frame> events = StreamClient.events(StreamClient.read(root, session, QUESTION));
        assertEquals(List.of("message", "error"), events.stream().map(Frame::type).toList(), events.toString());
        JsonNode problem = JSON.readTree(events.get(1).data());
        assertEquals("GAIA_BAD_RESPONSE", problem.path("code").asText(), problem.toString());
        assertEquals("Gaia sent an event larger than the 4 MiB limit", problem.path("detail").asText());
        assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(2)), "the connection to Gaia was closed");
    }

    @Test
    void aTwoMegabyteFinalEventStillArrivesWhole() throws Exception {
        String snippet = "z".repeat(2 * 1000 * 1000);
        String last = "{\"queryUid\":\"q-1\",\"conversationId\":\"c-1\",\"documents\":[{\"documentId\":\"d1\","
                + "\"citations\":[{\"textSnippet\":\"" + snippet + "\"}]}]}";
        gaia.on("POST", "/ask/stream").stream(SseScript.sse().event("{\"responseString\":\"hi\"}").event(last));
        List<Frame> events = StreamClient.events(StreamClient.read(root, session, QUESTION));
        assertEquals(List.of("message", "message", "done"), events.stream().map(Frame::type).toList());
        assertEquals(last, events.get(1).data());
    }
}
