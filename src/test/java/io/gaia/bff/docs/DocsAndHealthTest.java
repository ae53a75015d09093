package io.gaia.bff.docs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DocsAndHealthTest {

    @Test
    void swaggerUiIsAtDocs() {
        given().get("/docs/").then().statusCode(200).body(containsString("swagger-ui"));
    }

    @Test
    void redocIsServedWithoutACdn() {
        given().get("/redoc").then().statusCode(200)
                .body(containsString("/webjars/redoc/redoc.standalone.js"))
                .body(containsString("/q/openapi"));
        given().get("/webjars/redoc/redoc.standalone.js").then().statusCode(200);
    }

    @Test
    void openApiDocumentsErrorsAndTheStreamMediaType() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/ask/stream'.post.responses.'200'.content", notNullValue())
                .body("paths.'/api/v1/ask/stream'.post.responses.'200'.content.'text/event-stream'", notNullValue())
                .body("components.responses.Unauthorized.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/v1/ask'.post.responses.'404'", notNullValue())
                .body("components.securitySchemes.session.name", equalTo("X-Session-ID"))
                .body("paths.keySet()", hasItem("/api/v1/login"))
                .body("paths.'/gaia-sim/datasets'", nullValue());
    }

    @Test
    void openApiDescribesGaiasObjectsAsObjectsNotAsJacksonNodes() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/datasets/{name}/details'.get.responses.'200'.content.'application/json'.schema.type",
                        equalTo("object"))
                .extract().asString();
        // JsonNode's getters, which a generated client would take for fields.
        assertFalse(document.contains("nodeType"), "the document describes JsonNode itself");
        assertFalse(document.contains("valueNode"), "the document describes JsonNode itself");
    }

    @Test
    void livenessHasNoDependencies() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessReportsTheSessionStoreAndGaiaReachabilityAsData() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("session-store"))
                .body("checks.name", hasItem("gaia"));
    }

    @Test
    void unknownRoutesAreProblems() {
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().delete("/api/v1/datasets").then().statusCode(405)
                .contentType("application/problem+json").body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void rootNamesTheServiceAndLinksTheDocs() {
        given().get("/").then().statusCode(200).body("docs", equalTo("/docs")).body("name", notNullValue());
    }
}
