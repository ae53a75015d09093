package io.gaia.bff.datasets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class DatasetsTest {

    @Inject
    @CacheName(DatasetCatalog.CACHE)
    Cache cache;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void forgetCachedLists() {
        // The simulator counts questions per dataset, so a list cached by an earlier test is stale.
        cache.invalidateAll().await().indefinitely();
    }

    @Test
    void datasetsArePassedThroughUnchanged() {
        String session = Api.login(Simulator.demoKey());
        List<Map<String, Object>> fromGaia = given().header("apiKey", Simulator.demoKey())
                .get("/gaia-sim/datasets").then().statusCode(200).extract().path("datasets");
        List<Map<String, Object>> fromUs = Api.as(session).get("/api/v1/datasets")
                .then().statusCode(200).extract().path("datasets");
        assertEquals(fromGaia, fromUs);
        assertEquals(true, fromUs.get(0).containsKey("id"));
        assertEquals(true, fromUs.get(0).containsKey("lastIndexingRun"));
    }

    @Test
    void prefixFiltersByName() {
        String session = Api.login(Simulator.demoKey());
        String name = Simulator.datasetNames().get(0);
        String prefix = name.substring(0, 3);
        Api.as(session).queryParam("prefix", prefix).get("/api/v1/datasets")
                .then().statusCode(200).body("datasets.name", everyItem(startsWith(prefix)));
        Api.as(session).queryParam("prefix", "zzz-no-such").get("/api/v1/datasets")
                .then().statusCode(200).body("datasets", hasSize(0));
    }

    @Test
    void datasetsNeedASession() {
        given().get("/api/v1/datasets").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("SESSION_REQUIRED"));
    }

    @Test
    void overlongPrefixIs400() {
        String session = Api.login(Simulator.demoKey());
        Api.as(session).queryParam("prefix", "p".repeat(300)).get("/api/v1/datasets")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void detailsOfAKnownDatasetArePassedThrough() {
        String session = Api.login(Simulator.demoKey());
        String name = Simulator.datasetNames().get(0);
        Map<String, Object> fromGaia = given().header("apiKey", Simulator.demoKey())
                .get("/gaia-sim/dataset/{name}/details", name).then().statusCode(200).extract().path("$");
        Map<String, Object> fromUs = Api.as(session).get("/api/v1/datasets/{name}/details", name)
                .then().statusCode(200).extract().path("$");
        assertEquals(fromGaia, fromUs);
    }

    @Test
    void anEmptyDatasetNameIsToldAsAValueMissingFromTheUrl() throws Exception {
        // fetch(`/api/v1/datasets/${name}/details`) with an empty name asks for datasets//details,
        // which the router reads as datasets/details: "No such resource: /api/v1/datasets/details" alone
        // names a route that looks right. Sent with the JDK's client, which keeps the path as a browser
        // does (REST Assured would encode or collapse the slashes).
        String session = Api.login(Simulator.demoKey());
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(root + "api/v1/datasets//details")).header(Api.SESSION_HEADER, session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode(), response.body());
        assertEquals("No such resource: /api/v1/datasets//details has an empty segment (//): is a value missing from the URL?",
                JsonPath.from(response.body()).getString("detail"));
        assertEquals("NOT_FOUND", JsonPath.from(response.body()).getString("code"));
    }

    @Test
    void detailsOfAnUnknownDatasetIs404() {
        String session = Api.login(Simulator.demoKey());
        Api.as(session).get("/api/v1/datasets/{name}/details", "no-such-dataset")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }
}
