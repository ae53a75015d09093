package io.gaia.bff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged application, as a platform engineer runs it, against a separately started
 * Gaia-compatible server given by GAIA_BASE_URL.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = FakeGaiaResource.class, restrictToAnnotatedClass = true)
class FlowIT {

    @Test
    void loginListAskStreamLogout() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);

        Api.as(session).get("/api/v1/datasets").then().statusCode(200)
                .body("datasets", hasSize(2))
                .body("datasets[0].id", notNullValue())
                .body("datasets[0].lastIndexingRun", notNullValue());

        Map<String, Object> question = Map.of("datasetNames", List.of("handbook"), "queryString", "How do I claim expenses?");
        Api.ask(session, question).then().statusCode(200)
                .body("response", notNullValue())
                .body("query_uid", notNullValue())
                .body("documents[0].citations", notNullValue());

        Api.as(session).contentType(ContentType.JSON).accept("text/event-stream").body(question)
                .post("/api/v1/ask/stream")
                .then().statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .body(containsString("responseString"))
                .body(containsString("queryUid"));

        Api.logout(session).then().statusCode(204);
        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }

    @Test
    void simulatorIsAbsentFromTheProductionBuild() {
        given().header("apiKey", "gaia-demo-key").get("/gaia-sim/datasets")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void docsAreServedByTheProductionJar() {
        given().get("/docs/").then().statusCode(200);
        given().get("/redoc").then().statusCode(200);
        given().get("/webjars/redoc/redoc.standalone.js").then().statusCode(200);
    }
}
