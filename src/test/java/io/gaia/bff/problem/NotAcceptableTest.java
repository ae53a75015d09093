package io.gaia.bff.problem;

import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A request whose Accept header leaves out what the route answers gets a 406 that names what the
 * route does answer, so the developer sees which header to change (or which route they meant).
 */
@QuarkusTest
class NotAcceptableTest {

    private static Map<String, Object> question() {
        return Map.of("datasetNames", List.of(Simulator.datasetContaining("handbook")), "queryString", "How do I claim travel expenses?");
    }

    @Test
    void askingTheJsonRouteForAnEventStreamNamesWhatItAnswers() {
        // The usual slip: fetch('/api/v1/ask', {headers: {Accept: 'text/event-stream'}}) without /stream.
        Api.as(Api.login(Simulator.demoKey())).contentType(ContentType.JSON).accept("text/event-stream")
                .body(question()).post("/api/v1/ask")
                .then().statusCode(406).contentType("application/problem+json")
                .body("code", equalTo("NOT_ACCEPTABLE"))
                .body("detail", equalTo("POST /api/v1/ask answers application/json; send Accept: application/json or no Accept header"));
    }

    @Test
    void askingForHtmlNamesJsonAsWhatTheDatasetsAnswer() {
        Api.as(Api.login(Simulator.demoKey())).accept("text/html").get("/api/v1/datasets")
                .then().statusCode(406).contentType("application/problem+json")
                .body("code", equalTo("NOT_ACCEPTABLE"))
                .body("detail", equalTo("GET /api/v1/datasets answers application/json; send Accept: application/json or no Accept header"));
    }

    @Test
    void anAcceptListThatIncludesJsonIsAnswered() {
        Api.as(Api.login(Simulator.demoKey())).contentType(ContentType.JSON).accept("text/event-stream, application/json;q=0.5")
                .body(question()).post("/api/v1/ask")
                .then().statusCode(200).contentType(ContentType.JSON);
    }
}
