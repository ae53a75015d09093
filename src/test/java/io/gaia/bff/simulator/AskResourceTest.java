package io.gaia.bff.simulator;

import static io.gaia.bff.simulator.DatasetsResourceTest.gaia;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AskResourceTest {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void answerComesFromTheRightDocumentWithGenuineCitations() {
        gaia().contentType(ContentType.JSON)
                .body(Map.of("datasetNames", new String[] { "northwind-handbook" },
                        "queryString", "How do I claim travel expenses?"))
                .when().post("/gaia-sim/ask")
                .then().statusCode(200)
                .body("responseString", allOf(containsString("Expensify within 30 days"),
                        containsString("expenses-and-travel-policy.md")))
                .body("queryUid", matchesPattern(UUID))
                .body("conversationId", matchesPattern(UUID))
                .body("conversationName", is("How do I claim travel expenses?"))
                .body("finishReason", is("stop"))
                .body("status", is("kSucceeded"))
                .body("documents[0].name", is("expenses-and-travel-policy.md"))
                .body("documents[0].absolutePath", is("/nw-handbook/finance/expenses-and-travel-policy.md"))
                .body("documents[0].documentId", matchesPattern("[0-9a-f]+"))
                .body("documents[0].datasetId", is("5f2a9c71d3b84e06a1c4"))
                .body("documents[0].folderId", matchesPattern("[0-9a-f]+"))
                .body("documents[0].type", is("md"))
                .body("documents[0].objectInfo.title", is("Expenses and Travel Policy"))
                .body("documents[0].citations[0].textSnippet", containsString("submit an expense report in Expensify"))
                .body("documents.citations.flatten().cosineScore", everyItem(allOf(greaterThan(0f), lessThanOrEqualTo(1f))));
    }

    @Test
    void followUpInTheSameConversationIsAnsweredInContext() {
        JsonPath first = ask(Map.of("datasetNames", new String[] { "northwind-incidents" },
                "queryString", "What happened when the payments certificate expired?"));
        String conversationId = first.getString("conversationId");

        JsonPath followUp = ask(Map.of("datasetNames", new String[] { "northwind-incidents" },
                "queryString", "What was the root cause?", "conversationId", conversationId));

        assertEquals(conversationId, followUp.getString("conversationId"));
        assertEquals("What happened when the payments certificate expired?", followUp.getString("conversationName"));
        assertNotEquals(first.getString("queryUid"), followUp.getString("queryUid"));
        assertEquals("2024-06-04-payments-certificate-expiry.md", followUp.getString("documents[0].name"));
        assertEquals(true, followUp.getString("responseString").contains("silent renewal failure"),
                followUp.getString("responseString"));
    }

    @Test
    void onlyTheNamedDatasetsAreSearched() {
        gaia().contentType(ContentType.JSON)
                .body(Map.of("datasetNames", new String[] { "northwind-product" },
                        "queryString", "How do I claim travel expenses?"))
                .when().post("/gaia-sim/ask")
                .then().statusCode(200)
                .body("documents.datasetId", everyItem(is("c1479be60f3a2d85b7e1")))
                .body("responseString", not(containsString("Expensify")));
    }

    @Test
    void questionNothingAnswersGetsAnHonestAnswerAndNoDocuments() {
        gaia().contentType(ContentType.JSON)
                .body(Map.of("datasetNames", new String[] { "northwind-handbook", "northwind-product" },
                        "queryString", "What is the weather like on Mars today?"))
                .when().post("/gaia-sim/ask")
                .then().statusCode(200)
                .body("responseString", startsWith(
                        "I could not find anything about that in the datasets northwind-handbook, northwind-product."))
                .body("documents", empty())
                .body("finishReason", is("stop"));
    }

    @Test
    void unknownDatasetIs404() {
        gaia().contentType(ContentType.JSON)
                .body(Map.of("datasetNames", new String[] { "northwind-handbook", "ghost" }, "queryString", "hi"))
                .when().post("/gaia-sim/ask")
                .then().statusCode(404)
                .body("errorCode", is("kNotFound"))
                .body("message", is("Dataset 'ghost' not found"));
    }

    @Test
    void emptyDatasetNamesIs400() {
        gaia().contentType(ContentType.JSON)
                .body(Map.of("datasetNames", new String[0], "queryString", "How do I claim travel expenses?"))
                .when().post("/gaia-sim/ask")
                .then().statusCode(400)
                .body("errorCode", is("kInvalidRequest"))
                .body("message", is("datasetNames must name at least one dataset"));
    }

    @Test
    void blankQueryStringIs400() {
        gaia().contentType(ContentType.JSON)
                .body(Map.of("datasetNames", new String[] { "northwind-handbook" }, "queryString", "   "))
                .when().post("/gaia-sim/ask")
                .then().statusCode(400)
                .body("message", is("queryString must not be blank"));
    }

    @Test
    void malformedJsonIs400WithAMessage() {
        gaia().contentType(ContentType.JSON)
                .body("{\"datasetNames\": [\"northwind-handbook\"], \"queryString\": ")
                .when().post("/gaia-sim/ask")
                .then().statusCode(400)
                .body("errorCode", is("kInvalidRequest"))
                .body("message", startsWith("Malformed JSON request body"));
    }

    static JsonPath ask(Map<String, ?> body) {
        return gaia().contentType(ContentType.JSON).body(body)
                .when().post("/gaia-sim/ask")
                .then().statusCode(200)
                .extract().jsonPath();
    }
}
