package io.gaia.bff.upstream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.datasets.DatasetCatalog;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.FakeGaiaProfile;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Values the client chooses reach Gaia only as literals: one encoded path segment for a dataset
 * name, one encoded query value for the prefix, JSON strings in an ask. What could change the
 * request's meaning upstream (traversal, CR/LF, a second parameter) is refused or encoded; the raw
 * request target FakeGaia saw is the proof.
 */
@QuarkusTest
@TestProfile(FakeGaiaProfile.class)
class UpstreamEncodingTest {

    private static final String DETAILS = FakeGaia.BASE_PATH + "/dataset/";

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    @CacheName(DatasetCatalog.CACHE)
    Cache datasetCache;

    @Inject
    ObjectMapper json;

    String session;

    @BeforeEach
    void login() {
        gaia.reset();
        datasetCache.invalidateAll().await().indefinitely();
        session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.reset();
        gaia.on("GET", "/dataset/*").respond(200, "{\"runs\":[]}");
    }

    /** Sends the path exactly as written (REST Assured would otherwise encode and normalise it). */
    private Response getRaw(String path) {
        return Api.as(session).urlEncodingEnabled(false).get(path);
    }

    private String detailsTargetFor(String name) {
        Api.as(session).get("/api/v1/datasets/{name}/details", name).then().statusCode(200);
        return gaia.lastRequest().rawTarget();
    }

    @Test
    void oddCharactersInADatasetNameAreEncodedInOneSegment() {
        assertEquals(DETAILS + "team%20handbook/details", detailsTargetFor("team handbook"));
        assertEquals(DETAILS + "a%3Fx%3D1%23frag/details", detailsTargetFor("a?x=1#frag"));
        assertEquals(DETAILS + "100%25/details", detailsTargetFor("100%"));
        assertEquals(DETAILS + "a%3Bjsessionid%3D1/details", detailsTargetFor("a;jsessionid=1"));
        assertEquals(DETAILS + "http%3Aevil/details", detailsTargetFor("http:evil"));
        assertEquals(DETAILS + "..%3B/details", detailsTargetFor("..;"));
        assertEquals(DETAILS + "caf%C3%A9-2024_v1.0~x/details", detailsTargetFor("café-2024_v1.0~x"));
    }

    @Test
    void anEncodedTraversalInANameReachesGaiaAsALiteral() {
        // The client sent %25: the name is the text "..%2F..%2Fadmin", and stays that text upstream.
        getRaw("/api/v1/datasets/..%252F..%252Fadmin/details").then().statusCode(200);
        assertEquals(DETAILS + "..%252F..%252Fadmin/details", gaia.lastRequest().rawTarget());
    }

    @Test
    void slashesAndTraversalInANameAre400AndNeverReachGaia() {
        for (String path : List.of("/api/v1/datasets/..%2F..%2Fadmin/details", "/api/v1/datasets/a%2Fb/details",
                "/api/v1/datasets/a%5Cb/details", "/api/v1/datasets/http:%2F%2Fevil%2F/details")) {
            getRaw(path).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors[0].field", equalTo("name"));
        }
        // Dot segments are removed before routing, so these name no dataset at all.
        getRaw("/api/v1/datasets/%2E%2E/details").then().statusCode(404);
        getRaw("/api/v1/datasets/./details").then().statusCode(404);
        assertEquals(List.of(), gaia.requests());
    }

    @Test
    void controlCharactersInANameAre400NamingTheField() {
        for (String path : List.of("/api/v1/datasets/a%0d%0aX-Injected:%201/details", "/api/v1/datasets/a%00b/details",
                "/api/v1/datasets/a%C2%85b/details")) {
            getRaw(path).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors[0].field", equalTo("name"));
        }
        assertEquals(List.of(), gaia.requests());
    }

    @Test
    void anOverlongNameIs400() {
        Api.as(session).get("/api/v1/datasets/{name}/details", "n".repeat(257))
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        assertEquals(List.of(), gaia.requests());
    }

    @Test
    void thePrefixIsOneEncodedQueryValue() {
        Api.as(session).queryParam("prefix", "http://evil/?a=1&b=2#c d+e%41").get("/api/v1/datasets").then().statusCode(200);
        var request = gaia.lastRequest();
        assertEquals(FakeGaia.BASE_PATH + "/datasets?prefix=http%3A%2F%2Fevil%2F%3Fa%3D1%26b%3D2%23c%20d%2Be%2541",
                request.rawTarget());
        assertEquals(Map.of("prefix", List.of("http://evil/?a=1&b=2#c d+e%41")), request.query());
    }

    @Test
    void controlCharactersInThePrefixAre400NamingTheField() {
        for (String prefix : List.of("a%0d%0aX-Injected:%201", "a%00", "a%0a")) {
            Api.as(session).urlEncodingEnabled(false).get("/api/v1/datasets?prefix=" + prefix)
                    .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors[0].field", equalTo("prefix"));
        }
        Api.as(session).queryParam("prefix", "p".repeat(257)).get("/api/v1/datasets")
                .then().statusCode(400).body("errors[0].field", equalTo("prefix"));
        assertEquals(List.of(), gaia.requests());
    }

    @Test
    void datasetNamesInAnAskTravelAsJsonStrings() throws Exception {
        String odd = "../admin?x=1#y %2F";
        Api.ask(session, Map.of("datasetNames", List.of(odd), "queryString", "q")).then().statusCode(200);
        var request = gaia.lastRequest();
        assertEquals(FakeGaia.BASE_PATH + "/ask", request.rawTarget());
        JsonNode body = json.readTree(request.body());
        assertEquals(odd, body.path("datasetNames").path(0).asText());
    }

    @Test
    void anAskReachesGaiaAsJsonWithOnlyTheFieldsTheUserSent() throws Exception {
        Api.ask(session, Map.of("datasetNames", List.of("handbook"), "queryString", "q", "conversationId", "c-1"))
                .then().statusCode(200);
        var request = gaia.lastRequest();
        assertTrue(request.header("Content-Type").startsWith("application/json"), request.header("Content-Type"));
        assertEquals(json.readTree("{\"datasetNames\":[\"handbook\"],\"queryString\":\"q\",\"conversationId\":\"c-1\"}"),
                json.readTree(request.body()));
    }

    @Test
    void anAskAndAStreamedAskSendGaiaTheSameBody() {
        Map<String, Object> question = Map.of("datasetNames", List.of("handbook"), "queryString", "Ünïcödé \"q\"",
                "llmName", "gpt");
        Api.ask(session, question).then().statusCode(200);
        String asked = gaia.lastRequest().body();
        Api.as(session).contentType("application/json").body(question).post("/api/v1/ask/stream").then().statusCode(200);
        var streamed = gaia.lastRequest();
        assertEquals(FakeGaia.BASE_PATH + "/ask/stream", streamed.rawTarget());
        assertEquals(asked, streamed.body());
    }

    @Test
    void controlCharactersInAnAskDatasetNameAre400NamingTheElement() {
        Api.ask(session, Map.of("datasetNames", List.of("handbook", "evil\r\nX-Injected: 1"), "queryString", "q"))
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("datasetNames[1]"));
        assertTrue(gaia.requestsTo("/ask").isEmpty());
    }

    @Test
    void aQuestionMayStillSpanLines() {
        Api.ask(session, Map.of("datasetNames", List.of("handbook"), "queryString", "first line\nsecond line"))
                .then().statusCode(200);
    }
}
