package io.gaia.bff.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SimulatorAuthTest {

    @Test
    void requestWithoutApiKeyIsRejectedWith401() {
        given()
                .when().get("/gaia-sim/datasets")
                .then().statusCode(401)
                .contentType(ContentType.JSON)
                .body("message", is("Invalid API key"))
                .body("errorCode", is("KStatusUnauthorized"));
    }

    @Test
    void requestWithWrongApiKeyIsRejectedWith401() {
        given().header("apiKey", "not-the-demo-key")
                .when().get("/gaia-sim/dataset/northwind-handbook/details")
                .then().statusCode(401)
                .body("errorCode", is("KStatusUnauthorized"));
    }

    @Test
    void wrongKeyOnTheStreamGets401AsJsonBeforeAnyEvent() {
        given().header("apiKey", "nope").contentType(ContentType.JSON).accept("text/event-stream")
                .body("{\"datasetNames\":[\"northwind-handbook\"],\"queryString\":\"hi\"}")
                .when().post("/gaia-sim/ask/stream")
                .then().statusCode(401)
                .contentType(ContentType.JSON)
                .body("errorCode", is("KStatusUnauthorized"));
    }

    @Test
    void authorizationBearerIsNotGaiasScheme() {
        given().header("Authorization", "Bearer gaia-demo-key")
                .when().get("/gaia-sim/datasets")
                .then().statusCode(401);
    }
}
