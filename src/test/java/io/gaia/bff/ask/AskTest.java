package io.gaia.bff.ask;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AskTest {

    String session;
    String handbook;

    @BeforeEach
    void login() {
        session = Api.login(Simulator.demoKey());
        handbook = Simulator.datasetContaining("handbook");
    }

    @Test
    void answerHasTheSeedShapeWithGaiasDocumentsUnchanged() {
        Map<String, Object> question = Map.of("datasetNames", List.of(handbook), "queryString", "How do I claim travel expenses?");
        List<Map<String, Object>> gaiaDocuments = given().header("apiKey", Simulator.demoKey()).contentType(ContentType.JSON)
                .body(question).post("/gaia-sim/ask").then().statusCode(200).extract().path("documents");

        List<Map<String, Object>> documents = Api.ask(session, question).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("response", containsStringIgnoringCase("expense"))
                .body("query_uid", notNullValue())
                .body("conversation_id", notNullValue())
                .body("documents[0].citations[0].textSnippet", notNullValue())
                .extract().path("documents");
        assertFalse(documents.isEmpty());
        assertEquals(gaiaDocuments, documents);
    }

    /** conversation_id is how the answer spells it: an app that sends it back as it came must not start anew. */
    @ParameterizedTest
    @ValueSource(strings = { "conversationId", "conversation_id" })
    void followUpKeepsTheConversation(String field) {
        String conversation = Api.ask(session, Map.of("datasetNames", List.of(handbook), "queryString", "How do I claim travel expenses?"))
                .then().statusCode(200).extract().path("conversation_id");
        Api.ask(session, Map.of("datasetNames", List.of(handbook), "queryString", "Who approves them?", field, conversation))
                .then().statusCode(200).body("conversation_id", equalTo(conversation));
    }

    @Test
    void conversationIdSentUnderBothSpellingsIs400NamingThem() {
        Api.ask(session, Map.of("datasetNames", List.of(handbook), "queryString", "q", "conversationId", "c-1",
                "conversation_id", "c-2"))
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", equalTo("Send the conversation id as conversationId or as conversation_id, not both"))
                .body("errors[0].field", equalTo("conversationId"));
    }

    @Test
    void unknownDatasetIs404WithGaiasMessage() {
        Api.ask(session, Map.of("datasetNames", List.of("no-such-dataset"), "queryString", "anything"))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("detail", containsString("no-such-dataset"));
    }

    @Test
    void emptyDatasetListIs400NamingTheField() {
        Api.ask(session, Map.of("datasetNames", List.of(), "queryString", "q"))
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("datasetNames"));
    }

    @Test
    void missingDatasetListIs400NamingTheField() {
        Api.ask(session, Map.of("queryString", "q"))
                .then().statusCode(400).body("errors.field", hasItem("datasetNames"));
    }

    @Test
    void fieldsSpeltAsTheAnswersSpellThemAreNamedWhenTheRealOnesAreMissing() {
        // The answer's fields are snake_case (query_uid, conversation_id), so a client may well send
        // dataset_names and query_string, and hear only that datasetNames and queryString are missing.
        Api.ask(session, Map.of("dataset_names", List.of(handbook), "query_string", "q"))
                .then().statusCode(400)
                .body("detail", equalTo("datasetNames must list at least one dataset name; queryString must not be blank; "
                        + "this route does not read dataset_names, query_string"))
                .body("errors.field", equalTo(List.of("datasetNames", "queryString")));
    }

    @Test
    void anUnreadFieldBesideAValidQuestionIsIgnoredAsBefore() {
        Api.ask(session, Map.of("datasetNames", List.of(handbook), "queryString", "How do I claim travel expenses?",
                "stream", false)).then().statusCode(200);
    }

    @Test
    void blankDatasetNameIs400NamingTheElement() {
        Api.ask(session, Map.of("datasetNames", List.of(handbook, " "), "queryString", "q"))
                .then().statusCode(400).body("errors.field", hasItem("datasetNames[1]"));
    }

    @Test
    void blankQueryIs400NamingTheField() {
        Api.ask(session, Map.of("datasetNames", List.of(handbook), "queryString", "  "))
                .then().statusCode(400)
                .body("errors.field", hasItem("queryString"))
                .body("detail", containsString("queryString must not be blank"));
    }

    @Test
    void oversizedQueryIs400NamingTheField() {
        Api.ask(session, Map.of("datasetNames", List.of(handbook), "queryString", "why ".repeat(3000)))
                .then().statusCode(400).body("errors.field", hasItem("queryString"));
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        Api.ask(session, Map.of("datasetNames", handbook, "queryString", "q"))
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", containsString("datasetNames"))
                .body("detail", containsString("a list"));
    }

    @Test
    void numbersAndBooleansAreNotTakenForText() {
        // Jackson would read them as "42" or "true": a type mistake would reach Gaia as a question.
        Api.as(session).contentType(ContentType.JSON)
                .body("{\"datasetNames\": [\"" + handbook + "\"], \"queryString\": 42}").post("/api/v1/ask")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", equalTo("Field 'queryString' has the wrong type: expected a string"))
                .body("errors[0].field", equalTo("queryString"));
        Api.as(session).contentType(ContentType.JSON)
                .body("{\"datasetNames\": [1], \"queryString\": \"q\"}").post("/api/v1/ask")
                .then().statusCode(400).body("errors[0].field", equalTo("datasetNames[0]"));
        Api.as(session).contentType(ContentType.JSON)
                .body("{\"datasetNames\": [\"" + handbook + "\"], \"queryString\": \"q\", \"conversationId\": true}")
                .post("/api/v1/ask")
                .then().statusCode(400).body("errors[0].field", equalTo("conversationId"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x1f, 0xff})
    void aRawControlCharacterOrInvalidUtf8InAStringIsMalformedJsonNotAWrongType(int bad) {
        // Latin-1 turns each char into the one byte of the same value: 0xff is a lone byte, invalid UTF-8.
        byte[] body = ("{\"datasetNames\": [\"" + handbook + "\"], \"queryString\": \"q" + (char) bad + "\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        Api.as(session).contentType(ContentType.JSON).body(body).post("/api/v1/ask")
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON"))
                .body("detail", containsString("not valid JSON")).body("errors", nullValue());
    }

    @Test
    void aJavaScriptObjectSentWithoutStringifyIsToldSo() {
        // fetch(url, {body: {...}}) sends String(body): Jackson stops at the bracket, so the detail says what to fix.
        Api.as(session).contentType(ContentType.JSON).body("[object Object]").post("/api/v1/ask")
                .then().statusCode(400)
                .body("detail", equalTo("The request body has the wrong shape: expected an object, not a list "
                        + "(a body of [object Object] is a JavaScript object sent without JSON.stringify)"))
                .body("errors", nullValue());
        Api.as(session).contentType(ContentType.JSON).body("\"just text\"").post("/api/v1/ask")
                .then().statusCode(400).body("detail", not(containsString("JSON.stringify")));
    }

    @Test
    void malformedJsonIs400() {
        Api.as(session).contentType(ContentType.JSON).body("{\"datasetNames\": [").post("/api/v1/ask")
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void askWithoutSessionIs401EvenWithABadBody() {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/ask")
                .then().statusCode(401).body("code", equalTo("SESSION_REQUIRED"));
    }

    @Test
    void answersAreNeverServedFromACache() {
        Map<String, Object> question = Map.of("datasetNames", List.of(handbook), "queryString", "How do I claim travel expenses?");
        String first = Api.ask(session, question).then().statusCode(200).extract().path("query_uid");
        Api.ask(session, question).then().statusCode(200).body("query_uid", not(equalTo(first)));
    }
}
