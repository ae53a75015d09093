package io.gaia.bff.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.support.StreamClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A whole session's walk shows up in /q/metrics by route template, Gaia operation and outcome, and
 * nothing the user typed or holds (key, session id, dataset name, question) appears in it.
 */
@QuarkusTest
class MetricsTest {

    static final String WRONG_KEY = "sk-metrics-wrong-key-0042";
    static final String QUERY = "What does the zebra-umbrella policy say?";

    @TestHTTPResource("/")
    URL root;

    @Test
    void aSessionsWalkIsCountedWithoutAnythingTheUserTyped() {
        String key = Simulator.demoKey();
        String dataset = Simulator.datasetContaining("handbook");
        given().contentType(ContentType.JSON).body(Map.of("api_key", WRONG_KEY)).post("/api/v1/login")
                .then().statusCode(401);
        String session = Api.login(key);
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);
        Api.as(session).get("/api/v1/datasets/" + dataset + "/details").then().statusCode(200);
        Map<String, Object> question = Map.of("datasetNames", List.of(dataset), "queryString", QUERY);
        Api.ask(session, question).then().statusCode(200);
        StreamClient.read(root, session, question);
        Api.logout(session).then().statusCode(204);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertSeries(metrics, "http_server_requests_seconds_count", "uri=\"/api/v1/datasets/{name}/details\"");
        assertSeries(metrics, "http_server_requests_seconds_count", "uri=\"/api/v1/login\"");
        assertSeries(metrics, "http_server_requests_seconds_count", "uri=\"/api/v1/ask/stream\"");
        for (String operation : List.of("datasets", "dataset_details", "ask", "ask_stream")) {
            assertSeries(metrics, "gaia_client_requests_seconds_count", "operation=\"" + operation + "\"",
                    "outcome=\"success\"");
        }
        // The wrong key's 401 is the login's, never a failing dataset list.
        assertSeries(metrics, "gaia_errors_total", "kind=\"status\"", "operation=\"login\"");
        assertFalse(metrics.contains("gaia_errors_total{kind=\"status\",operation=\"datasets\"}"), metrics);
        assertSeries(metrics, "bff_logins_total", "outcome=\"success\"");
        assertSeries(metrics, "bff_logins_total", "outcome=\"invalid_key\"");
        assertSeries(metrics, "bff_sessions_active");
        assertSeries(metrics, "bff_streams_open");
        assertSeries(metrics, "gaia_breaker_state", "state=\"closed\"");
        assertSeries(metrics, "gaia_breaker_state", "state=\"open\"");

        for (String secret : List.of(key, WRONG_KEY, session, dataset, QUERY, "zebra-umbrella")) {
            assertFalse(metrics.contains(secret), "/q/metrics holds " + secret);
        }
    }

    @Test
    void methodsAClientInventsShareOneSeries() {
        for (int i = 0; i < 5; i++) {
            given().request("INVENTED" + i, "/api/v1/login").then().statusCode(anyOf(is(400), is(405), is(501)));
        }

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertFalse(metrics.contains("INVENTED"), "an invented method became a label");
        assertSeries(metrics, "http_server_requests_seconds_count", "method=\"OTHER\"");
    }

    private static void assertSeries(String metrics, String name, String... labels) {
        boolean found = metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .anyMatch(line -> List.of(labels).stream().allMatch(line::contains));
        assertTrue(found, "no " + name + " with " + List.of(labels) + " in:\n"
                + metrics.lines().filter(line -> line.startsWith(name.replaceAll("_(count|total)$", "")))
                        .reduce("", (a, b) -> a + b + "\n"));
    }

}
