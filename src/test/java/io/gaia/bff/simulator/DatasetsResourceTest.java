package io.gaia.bff.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class DatasetsResourceTest {

    static RequestSpecification gaia() {
        return given().header("apiKey", "gaia-demo-key");
    }

    @Test
    void listsTheThreeDemoDatasetsWithGaiasFields() {
        gaia().when().get("/gaia-sim/datasets")
                .then().statusCode(200)
                .body("datasets.name", containsInAnyOrder("northwind-handbook", "northwind-incidents", "northwind-product"))
                .body("datasets.id", everyItem(matchesPattern("[0-9a-f]+")))
                .body("datasets.numObjects", everyItem(greaterThan(2)))
                .body("datasets.numQueries", everyItem(greaterThan(0)))
                .body("datasets.description", everyItem(notNullValue()))
                .body("datasets.userIds", everyItem(notNullValue()))
                .body("datasets[0].dataSources[0].sourceType", is("CohesityView"))
                .body("datasets[0].indexingWindow", notNullValue())
                .body("datasets[0].lastIndexingRun.startTimeUsecs", notNullValue())
                .body("datasets[0].lastIndexingRun.endTimeUsecs", notNullValue())
                .body("datasets[0].lastIndexingRun.stats.numObjectsIndexed", greaterThan(2))
                .body("datasets[0].lastIndexingRun.health", is("kHealthy"))
                .body("datasets[0].lastIndexingRun.progress.percentCompleted", is(100));
    }

    @Test
    void prefixFiltersDatasetsByNameStart() {
        gaia().queryParam("prefix", "northwind-inc")
                .when().get("/gaia-sim/datasets")
                .then().statusCode(200)
                .body("datasets.name", contains("northwind-incidents"));
        gaia().queryParam("prefix", "acme")
                .when().get("/gaia-sim/datasets")
                .then().statusCode(200)
                .body("datasets", empty());
    }

    @Test
    void detailsOfADatasetListItsIndexingRunsAndObjects() {
        gaia().when().get("/gaia-sim/dataset/northwind-product/details")
                .then().statusCode(200)
                .body("name", is("northwind-product"))
                .body("lastIndexingRun.status", is("kSucceeded"))
                .body("indexingRuns", hasSize(2))
                .body("objects", hasSize(4))
                .body("objects.name", everyItem(matchesPattern(".+\\.md")))
                .body("objects.numPassages", everyItem(greaterThan(3)));
    }

    @Test
    void detailsOfAnUnknownDatasetIs404() {
        gaia().when().get("/gaia-sim/dataset/no-such-dataset/details")
                .then().statusCode(404)
                .body("errorCode", is("kNotFound"))
                .body("message", is("Dataset 'no-such-dataset' not found"));
    }
}
