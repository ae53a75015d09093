package io.gaia.bff.upstream;

import static io.gaia.bff.support.ApiDocument.assertDocumented;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.gaia.bff.datasets.DatasetCatalog;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.FakeGaiaProfile;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.GaiaSamples;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Every way Gaia can fail, and what the user sees for it. */
@QuarkusTest
@TestProfile(FakeGaiaProfile.class)
class GaiaFailureMappingTest {

    private static final Map<String, Object> QUESTION = Map.of("datasetNames", List.of("handbook"), "queryString", "q");

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    @CacheName(DatasetCatalog.CACHE)
    Cache datasetCache;

    @BeforeEach
    void reset() {
        gaia.reset();
        datasetCache.invalidateAll().await().indefinitely();
    }

    private static void login(String key, int status, String code) {
        given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/api/v1/login")
                .then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    @Test
    void loginWithAKeyGaiaRejectsIs401() {
        login("wrong-key", 401, "INVALID_API_KEY");
    }

    @Test
    void loginWithAKeyLackingPrivilegeIs401() {
        gaia.on("GET", "/datasets").respond(403, "{\"message\":\"missing GAIA_VIEW\"}");
        login(FakeGaia.GOOD_API_KEY, 401, "INVALID_API_KEY");
    }

    @Test
    void loginWhenGaiaFailsIs502NotABadKey() {
        gaia.on("GET", "/datasets").respond(500, "{\"message\":\"index shard lost\"}");
        given().contentType(ContentType.JSON).body(Map.of("api_key", FakeGaia.GOOD_API_KEY)).post("/api/v1/login")
                .then().statusCode(502).body("code", equalTo("GAIA_ERROR")).body("detail", containsString("index shard lost"));
    }

    @Test
    void loginWhenGaiaIsDownIs502Unavailable() {
        gaia.on("GET", "/datasets").respond(503, "{\"message\":\"cluster down\"}");
        login(FakeGaia.GOOD_API_KEY, 502, "GAIA_UNAVAILABLE");
    }

    @Test
    void loginWhereGaiaHasNoDatasetsEndpointIs502PointingAtGaiaBaseUrl() {
        // What a GAIA_BASE_URL that is not Gaia's API root gets: the key check's GET /datasets is a 404.
        gaia.on("GET", "/datasets").respond(404, "{\"message\":\"not found\"}");
        given().contentType(ContentType.JSON).body(Map.of("api_key", FakeGaia.GOOD_API_KEY)).post("/api/v1/login")
                .then().statusCode(502).contentType("application/problem+json").body("code", equalTo("GAIA_ERROR"))
                .body("detail", containsString("GAIA_BASE_URL"));
    }

    @Test
    void loginWhenGaiaIsSlowIs504InBoundedTime() {
        gaia.on("GET", "/datasets").hang();
        given().contentType(ContentType.JSON).body(Map.of("api_key", FakeGaia.GOOD_API_KEY)).post("/api/v1/login")
                .then().statusCode(504).body("code", equalTo("GAIA_TIMEOUT"))
                .time(lessThan(5L), TimeUnit.SECONDS);
    }

    @Test
    void keyTravelsInTheApiKeyHeaderOnly() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
        var request = gaia.lastRequest();
        assertEquals(FakeGaia.GOOD_API_KEY, request.header("apiKey"));
        assertNull(request.header("Authorization"));
        assertNull(request.header("X-Session-ID"), "the session id never goes upstream");
    }

    @Test
    void forbiddenIs403() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(403, "{\"message\":\"missing GAIA_VIEW\"}");
        Api.ask(session, QUESTION).then().statusCode(403).body("code", equalTo("GAIA_FORBIDDEN"));
    }

    @Test
    void notFoundIs404WithGaiasMessage() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(404, "{\"message\":\"Dataset handbook not found\",\"errorCode\":\"kNotFound\"}");
        Api.ask(session, QUESTION).then().statusCode(404).body("code", equalTo("NOT_FOUND"))
                .body("detail", equalTo("Dataset handbook not found"));
    }

    @Test
    void rateLimitIs429WithRetryAfterPassedOn() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "17");
        Api.ask(session, QUESTION).then().statusCode(429).body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", "17");
    }

    @Test
    void internalErrorIs502WithGaiasMessage() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(500, "{\"errorMessage\":\"LLM backend failed\"}");
        Api.ask(session, QUESTION).then().statusCode(502).body("code", equalTo("GAIA_ERROR"))
                .body("detail", containsString("LLM backend failed"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 409, 413, 422 })
    void aRequestGaiaRefusesAsInvalidKeepsGaiasStatusAndMessage(int status) {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(status, "{\"message\":\"llmName gpt-9 is not configured\"}");
        Response answer = Api.ask(session, QUESTION);
        answer.then().statusCode(status).contentType("application/problem+json")
                .body("code", equalTo("GAIA_REJECTED_REQUEST"))
                .body("detail", equalTo("Gaia rejected the request: llmName gpt-9 is not configured"));
        assertDocumented("post", "/api/v1/ask", answer, status);
    }

    /** Gaia's failures as a client generated from the API document meets them: each one listed, each body as described. */
    @ParameterizedTest(name = "{0} {1} answered with {2} -> {4} on {3}")
    @CsvSource({
            "GET,  /datasets, 403,   post /api/v1/login,    401",
            "GET,  /datasets, 500,   post /api/v1/login,    502",
            "GET,  /datasets, 503,   post /api/v1/login,    502",
            "GET,  /datasets, 429,   post /api/v1/login,    429",
            "GET,  /datasets, 500,   get /api/v1/datasets,  502",
            "GET,  /datasets, 403,   get /api/v1/datasets,  403",
            "GET,  /datasets, reset, get /api/v1/datasets,  502",
            "POST, /ask,      401,   post /api/v1/ask,      401",
            "POST, /ask,      403,   post /api/v1/ask,      403",
            "POST, /ask,      404,   post /api/v1/ask,      404",
            "POST, /ask,      429,   post /api/v1/ask,      429",
            "POST, /ask,      500,   post /api/v1/ask,      502",
            "POST, /ask,      502,   post /api/v1/ask,      502",
            "POST, /ask,      junk,  post /api/v1/ask,      502",
            "POST, /ask,      reset, post /api/v1/ask,      502",
            "POST, /ask/stream, 404, post /api/v1/ask/stream, 404",
            "POST, /ask/stream, 503, post /api/v1/ask/stream, 502",
    })
    void everyFailureGaiaCausesIsAnAnswerTheApiDocumentLists(String gaiaMethod, String gaiaPath, String gaiaDoes,
            String route, int status) {
        String session = route.endsWith("/login") ? null : Api.login(FakeGaia.GOOD_API_KEY);
        FakeGaia.Route failing = gaia.on(gaiaMethod, gaiaPath);
        switch (gaiaDoes) {
            case "reset" -> failing.resetConnection();
            case "junk" -> failing.respond(200, "this is not json").withContentType("application/json");
            default -> failing.respond(Integer.parseInt(gaiaDoes), "{\"message\":\"Gaia says no\"}").withHeader("Retry-After", "3");
        }
        String[] methodAndPath = route.split(" ");
        RequestSpecification request = session == null
                ? given().contentType(ContentType.JSON).body(Map.of("api_key", FakeGaia.GOOD_API_KEY))
                : methodAndPath[0].equals("post") ? Api.as(session).contentType(ContentType.JSON).body(QUESTION) : Api.as(session);
        assertDocumented(methodAndPath[0], methodAndPath[1], request.request(methodAndPath[0].toUpperCase(), methodAndPath[1]), status);
    }

    @Test
    void htmlErrorPageIsNotEchoed() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(502, "<html><body>nginx bad gateway</body></html>").withContentType("text/html");
        Api.ask(session, QUESTION).then().statusCode(502).body("code", equalTo("GAIA_UNAVAILABLE"))
                .body("detail", equalTo("Gaia is unavailable (HTTP 502)"))
                .body(not(containsString("nginx")));
    }

    @Test
    void unreadableAnswerIs502BadResponse() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(200, "this is not json").withContentType("application/json");
        Api.ask(session, QUESTION).then().statusCode(502).body("code", equalTo("GAIA_BAD_RESPONSE"));
    }

    @Test
    void answerWithMoreAfterItsJsonIsUnreadableNotHalfServed() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(200, GaiaSamples.askResponse("c-1") + " {\"responseString\":\"other\"}")
                .withContentType("application/json");
        Api.ask(session, QUESTION).then().statusCode(502).body("code", equalTo("GAIA_BAD_RESPONSE"));
    }

    @Test
    void connectionResetIs502() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").resetConnection();
        Api.ask(session, QUESTION).then().statusCode(502).contentType("application/problem+json");
    }

    @Test
    void slowAskIs504() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(200, "{}").afterDelay(Duration.ofSeconds(3));
        Api.ask(session, QUESTION).then().statusCode(504).body("code", equalTo("GAIA_TIMEOUT"))
                .time(lessThan(3L), TimeUnit.SECONDS);
    }

    @Test
    void keyRevokedUpstreamEndsTheSession() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(401, "{\"errorCode\":\"KStatusUnauthorized\"}");
        Api.ask(session, QUESTION).then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    @Test
    void keyRevokedUpstreamWhileListingDatasetsEndsTheSession() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("GET", "/datasets").respond(401, "{\"errorCode\":\"KStatusUnauthorized\"}");
        Api.as(session).get("/api/v1/datasets").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    @Test
    void forbiddenDoesNotEndTheSession() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(403, "{\"message\":\"missing GAIA_VIEW\"}");
        Api.ask(session, QUESTION).then().statusCode(403);
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void gaiaMessagesNeverCarryTheKey() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(500, "{\"message\":\"bad request from key " + FakeGaia.GOOD_API_KEY + "\"}");
        Api.ask(session, QUESTION).then().statusCode(502).body(not(containsString(FakeGaia.GOOD_API_KEY)))
                .body("detail", containsString("[redacted]"));
    }

    @Test
    void datasetListIsCachedPerKeyAndPrefix() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.reset();
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
        assertEquals(1, gaia.requestsTo("/datasets").size(), "second listing came from the cache");
        Api.as(session).queryParam("prefix", "x").get("/api/v1/datasets").then().statusCode(200);
        assertEquals(2, gaia.requestsTo("/datasets").size(), "another prefix is another list");
    }

    @Test
    void failuresAreNotCached() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        // 500, not 503: a 503 would be retried (see resilience.FaultMatrixTest) and answered from the retry.
        gaia.on("GET", "/datasets").respond(500, "{\"message\":\"down\"}").times(1);
        Api.as(session).get("/api/v1/datasets").then().statusCode(502);
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
    }

    @Test
    void bareArrayOfDatasetsIsWrapped() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("GET", "/datasets").respond(200, "[{\"name\":\"a\",\"id\":\"0a1b\",\"custom\":{\"x\":1}}]");
        Api.as(session).get("/api/v1/datasets").then().statusCode(200)
                .body("datasets", hasSize(1))
                .body("datasets[0].id", equalTo("0a1b"))
                .body("datasets[0].custom.x", equalTo(1));
    }

    @Test
    void prefixIsPassedAsAnEncodedQueryValue() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        Api.as(session).queryParam("prefix", "../a&b=c").get("/api/v1/datasets").then().statusCode(200);
        var request = gaia.lastRequest();
        assertEquals("/datasets", request.path());
        assertEquals("../a&b=c", request.queryParam("prefix"));
    }
}
