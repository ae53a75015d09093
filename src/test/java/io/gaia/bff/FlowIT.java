package io.gaia.bff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    void eachRequestEndsWithOneJsonAccessLineCarryingItsRequestId() {
        String requestId = "flow-it-" + UUID.randomUUID();
        given().header("X-Request-ID", requestId).get("/api/v1/datasets").then().statusCode(401);

        // The packaged service logs production's JSON lines; @QuarkusIntegrationTest has it write them
        // to target/quarkus.log too. The access line is written when the response has ended.
        JsonNode line = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> accessLine(requestId), Objects::nonNull);
        assertEquals("io.gaia.bff.access", line.path("loggerName").asText());
        assertEquals("INFO", line.path("level").asText());
        String message = line.path("message").asText();
        assertTrue(message.startsWith("access method=GET ") && message.contains(" status=401 ")
                && message.endsWith(" session=-"), message);
        assertTrue(line.hasNonNull("timestamp") && line.hasNonNull("hostName") && line.hasNonNull("threadName"),
                line::toString);
        for (String constant : List.of("loggerClassName", "ndc", "processName", "processId", "threadId")) {
            assertFalse(line.has(constant), () -> constant + " is on every line alike: " + line);
        }
    }

    private static JsonNode accessLine(String requestId) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String text : Files.readAllLines(Path.of("target", "quarkus.log"))) {
            if (text.startsWith("{") && text.contains(requestId)) {
                JsonNode line = json.readTree(text);
                if (requestId.equals(line.path("mdc").path("requestId").asText())
                        && line.path("loggerName").asText().equals("io.gaia.bff.access")) {
                    return line;
                }
            }
        }
        return null;
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
