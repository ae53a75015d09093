package io.gaia.bff.upstream;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.datasets.DatasetCatalog;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.FakeGaiaProfile;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A key revoked in Gaia after login (Gaia now answers 401 to it everywhere): whichever route meets
 * that 401 ends its session and answers 401 SESSION_INVALID, never passing Gaia's 401 on as is. The
 * single-route cases live in GaiaFailureMappingTest, GaiaStreamFailureTest and LiveUpstreamTest.
 */
@QuarkusTest
@TestProfile(FakeGaiaProfile.class)
class KeyRevokedUpstreamTest {

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

    @Test
    void datasetDetailsOfARevokedKeyEndTheSession() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("GET", "/dataset/handbook/details").respond(401, "{\"errorCode\":\"KStatusUnauthorized\"}");
        Api.as(session).get("/api/v1/datasets/handbook/details").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("SESSION_INVALID"));
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    @Test
    void everyRouteEndsTheSessionOfAKeyGaiaNoLongerAccepts() {
        Map<String, Function<String, Response>> routes = Map.of(
                "datasets", session -> Api.as(session).get("/api/v1/datasets"),
                "details", session -> Api.as(session).get("/api/v1/datasets/handbook/details"),
                "ask", session -> Api.ask(session, QUESTION),
                "stream", session -> Api.as(session).contentType(ContentType.JSON).accept("text/event-stream")
                        .body(QUESTION).post("/api/v1/ask/stream"));
        routes.forEach((name, call) -> {
            gaia.reset();
            String session = Api.login(FakeGaia.GOOD_API_KEY);
            String other = Api.login(FakeGaia.GOOD_API_KEY);
            gaia.acceptApiKey("the-key-was-rotated");
            call.apply(session).then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("SESSION_INVALID"))
                    .body(not(containsString(FakeGaia.GOOD_API_KEY)));
            Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
            // The key's other sessions end as soon as they too meet Gaia's 401.
            Api.ask(other, QUESTION).then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
            Api.as(other).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        });
    }
}
