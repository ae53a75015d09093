package io.gaia.bff.docs;

import static io.gaia.bff.support.ApiDocument.assertDocumented;
import static io.gaia.bff.support.ApiDocument.assertEventsDocumented;
import static io.gaia.bff.support.ApiDocument.component;
import static io.gaia.bff.support.ApiDocument.problems;
import static io.gaia.bff.support.ApiDocument.resolve;
import static io.gaia.bff.support.ApiDocument.schemaOf;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.problem.ErrorCode;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.ApiDocument;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Frontend developers generate their client and its types from /q/openapi (openapi-typescript, orval,
 * openapi-generator). These tests hold the service's real answers, on the simulator, to the document
 * (see ApiDocument); GaiaFailureMappingTest does the same for the failures Gaia causes.
 */
@QuarkusTest
class ApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyOperationHasItsOwnOperationIdForGeneratedClients() {
        List<String> ids = new ArrayList<>();
        List<String> without = new ArrayList<>();
        ApiDocument.document().path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String id = operation.getValue().path("operationId").asText("");
            if (id.isEmpty()) {
                without.add(operation.getKey().toUpperCase() + " " + path.getKey());
            }
            ids.add(id);
        }));
        assertEquals(List.of(), without, "operations a generated client would have to name itself");
        assertEquals(new HashSet<>(ids).size(), ids.size(), "operation ids must be unique: " + ids);
        assertTrue(ids.containsAll(List.of("login", "logout", "getSession", "listDatasets", "getDatasetDetails",
                "ask", "askStream", "getServiceInfo")), "operation ids: " + ids);
    }

    @Test
    void theProblemCodeIsOneOfTheCodesThePublicRoutesAnswer() {
        Set<String> documented = new TreeSet<>();
        JsonNode code = resolve(ApiDocument.document().at("/components/schemas/Problem/properties/code"));
        code.path("enum").forEach(value -> documented.add(value.asText()));
        // The operator endpoint is not in the document, and neither is the code only it answers.
        Set<String> codes = Arrays.stream(ErrorCode.values()).filter(each -> each != ErrorCode.ADMIN_TOKEN_REQUIRED)
                .map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(codes, documented, "a generated client switches over exactly these codes");
    }

    @Test
    void loginAnswersAreTheDocumentedOnes() {
        assertDocumented("post", "/api/v1/login", given().contentType(ContentType.JSON)
                .body(Map.of("api_key", Simulator.demoKey())).post("/api/v1/login"), 200);
        assertDocumented("post", "/api/v1/login", given().contentType(ContentType.JSON)
                .body(Map.of("api_key", "not-a-key")).post("/api/v1/login"), 401);
        assertDocumented("post", "/api/v1/login", given().contentType(ContentType.JSON)
                .body("{}").post("/api/v1/login"), 400);
        assertDocumented("post", "/api/v1/login", given().contentType(ContentType.JSON)
                .body("{\"api_key\": ").post("/api/v1/login"), 400);
        assertDocumented("post", "/api/v1/login", given().contentType(ContentType.TEXT)
                .body("gaia-demo-key").post("/api/v1/login"), 415);
        assertDocumented("post", "/api/v1/login", given().contentType(ContentType.JSON)
                .body("{\"api_key\": \"" + "k".repeat(2 * 1024 * 1024) + "\"}").post("/api/v1/login"), 413);
    }

    @Test
    void sessionAndLogoutAnswersAreTheDocumentedOnes() {
        String session = Api.login(Simulator.demoKey());
        assertDocumented("get", "/api/v1/session", Api.as(session).get("/api/v1/session"), 200);
        assertDocumented("post", "/api/v1/logout", Api.logout(session), 204);
        assertDocumented("get", "/api/v1/session", Api.as(session).get("/api/v1/session"), 401);
        assertDocumented("post", "/api/v1/logout", Api.logout(session), 401);
    }

    @Test
    void datasetAnswersAreTheDocumentedOnes() {
        String session = Api.login(Simulator.demoKey());
        String dataset = Simulator.datasetNames().get(0);
        assertDocumented("get", "/api/v1/datasets", Api.as(session).get("/api/v1/datasets"), 200);
        assertDocumented("get", "/api/v1/datasets", given().get("/api/v1/datasets"), 401);
        assertDocumented("get", "/api/v1/datasets",
                Api.as(session).queryParam("prefix", "p".repeat(300)).get("/api/v1/datasets"), 400);
        assertDocumented("get", "/api/v1/datasets/{name}/details",
                Api.as(session).get("/api/v1/datasets/{name}/details", dataset), 200);
        assertDocumented("get", "/api/v1/datasets/{name}/details",
                Api.as(session).get("/api/v1/datasets/{name}/details", "no-such-dataset"), 404);
    }

    @Test
    void askAnswersAreTheDocumentedOnes() {
        String session = Api.login(Simulator.demoKey());
        String dataset = Simulator.datasetContaining("handbook");
        Map<String, Object> question = Map.of("datasetNames", List.of(dataset), "queryString", "How do I claim travel expenses?");
        assertDocumented("post", "/api/v1/ask", Api.ask(session, question), 200);
        assertDocumented("post", "/api/v1/ask",
                Api.ask(session, Map.of("datasetNames", List.of(dataset), "queryString", " ")), 400);
        assertDocumented("post", "/api/v1/ask",
                Api.ask(session, Map.of("datasetNames", List.of("no-such-dataset"), "queryString", "Anything?")), 404);
        assertDocumented("post", "/api/v1/ask", given().contentType(ContentType.JSON).body(question).post("/api/v1/ask"), 401);
        assertDocumented("post", "/api/v1/ask/stream", Api.as(session).contentType(ContentType.JSON).body(question)
                .post("/api/v1/ask/stream"), 200);
        assertDocumented("post", "/api/v1/ask/stream", Api.as(session).contentType(ContentType.JSON)
                .body(Map.of("queryString", "Anything?")).post("/api/v1/ask/stream"), 400);
    }

    @Test
    void anAcceptHeaderWithoutJsonGetsTheDocumented406OnEveryJsonRoute() {
        // A fetch wrapper that sends Accept: text/html (or text/event-stream to /ask) gets 406; a client
        // generated from the document should know the answer.
        String session = Api.login(Simulator.demoKey());
        String dataset = Simulator.datasetContaining("handbook");
        Map<String, Object> question = Map.of("datasetNames", List.of(dataset), "queryString", "How do I claim travel expenses?");
        assertDocumented("post", "/api/v1/login", given().accept("text/html").contentType(ContentType.JSON)
                .body(Map.of("api_key", Simulator.demoKey())).post("/api/v1/login"), 406);
        assertDocumented("get", "/api/v1/session", Api.as(session).accept("text/html").get("/api/v1/session"), 406);
        assertDocumented("get", "/api/v1/datasets", Api.as(session).accept("text/html").get("/api/v1/datasets"), 406);
        assertDocumented("get", "/api/v1/datasets/{name}/details",
                Api.as(session).accept("text/html").get("/api/v1/datasets/{name}/details", dataset), 406);
        assertDocumented("post", "/api/v1/ask", Api.as(session).accept("text/event-stream").contentType(ContentType.JSON)
                .body(question).post("/api/v1/ask"), 406);
        assertDocumented("get", "/", given().accept("text/html").get("/"), 406);
        assertDocumented("post", "/api/v1/logout", Api.as(session).accept("text/html").contentType(ContentType.JSON)
                .post("/api/v1/logout"), 406);
    }

    @Test
    void eachStreamedEventHoldsTheDataTheDocumentNamesForIt() {
        String session = Api.login(Simulator.demoKey());
        List<Frame> events = StreamClient.events(StreamClient.read(root, session,
                Map.of("datasetNames", List.of(Simulator.datasetContaining("handbook")), "queryString", "How do I claim travel expenses?")));
        assertEquals("done", events.get(events.size() - 1).type(), events.toString());
        assertTrue(events.size() > 2, "text, Gaia's last event and done: " + events);
        assertEventsDocumented(events);
        assertFalse(problems(component("StreamDone"),
                JSON.createObjectNode().put("queryUid", "q")).isEmpty(), "done always carries conversationId");
    }

    @Test
    void theRootAnswerIsTheDocumentedOne() {
        assertDocumented("get", "/", given().accept(ContentType.JSON).get("/"), 200);
    }

    @Test
    void anUndocumentedFieldOrAMissingRequiredOneIsCaught() throws Exception {
        JsonNode login = schemaOf("post", "/api/v1/login", "200", "application/json");
        assertTrue(problems(login, JSON.readTree("{\"session_id\": \"s\", \"expires_in\": 60}")).isEmpty());
        assertFalse(problems(login, JSON.readTree("{\"session_id\": \"s\"}")).isEmpty(), "expires_in is required");
        assertFalse(problems(login, JSON.readTree("{\"session_id\": \"s\", \"expires_in\": 60, \"key\": \"k\"}")).isEmpty(),
                "a field the document leaves out");
        JsonNode live = component("LiveServerMessage");
        assertTrue(problems(live, JSON.readTree("{\"type\": \"delta\", \"id\": \"q1\", \"text\": \"Hi\"}")).isEmpty());
        assertFalse(problems(live, JSON.readTree("{\"type\": \"delta\", \"id\": \"q1\"}")).isEmpty(), "a delta's text is required");
        assertFalse(problems(live, JSON.readTree("{\"type\": \"delta\", \"id\": \"q1\", \"text\": \"Hi\", \"key\": \"k\"}")).isEmpty(),
                "a field the document leaves out of a socket message");
        JsonNode datasets = schemaOf("get", "/api/v1/datasets", "200", "application/json");
        assertTrue(problems(datasets, JSON.readTree("{\"datasets\": [{\"name\": \"a\", \"newGaiaField\": 1}]}")).isEmpty(),
                "Gaia's objects may carry more than the document knows");
    }

    @Test
    void theSocketsMessagesAsTheReadmeShowsThemAreTheDocumentsToo() throws Exception {
        JsonNode client = component("LiveClientMessage");
        for (String message : List.of("{\"type\": \"auth\", \"sessionId\": \"s\"}",
                "{\"type\": \"ask\", \"id\": \"q1\", \"datasetNames\": [\"northwind-handbook\"], \"queryString\": \"Hi?\"}",
                "{\"type\": \"cancel\", \"id\": \"q1\"}")) {
            assertTrue(problems(client, JSON.readTree(message)).isEmpty(), message + ": " + problems(client, JSON.readTree(message)));
        }
        assertFalse(problems(client, JSON.readTree("{\"type\": \"ask\", \"id\": \"q1\", \"queryString\": \"Hi?\"}")).isEmpty(),
                "an ask names its datasets");
        assertFalse(problems(client, JSON.readTree("{\"type\": \"shout\"}")).isEmpty(), "an unknown type");
    }

    @Test
    void theSocketsUnionsMapEachTypeToItsMessageForGeneratedClients() {
        // Without a mapping, OpenAPI takes each member's schema name (LiveReady) for its type, and
        // openapi-typescript types msg.type as "LiveReady" instead of "ready".
        for (String union : List.of("LiveServerMessage", "LiveClientMessage")) {
            JsonNode schema = ApiDocument.document().at("/components/schemas/" + union);
            JsonNode mapping = schema.at("/discriminator/mapping");
            assertEquals("type", schema.at("/discriminator/propertyName").asText(), union);
            assertFalse(schema.path("oneOf").isEmpty(), union);
            for (JsonNode member : schema.path("oneOf")) {
                String type = resolve(member).at("/properties/type/const").asText();
                assertEquals(member.path("$ref").asText(), mapping.path(type).asText(), union + " maps " + type);
            }
            assertEquals(schema.path("oneOf").size(), mapping.size(), union + ": " + mapping);
        }
    }

    @Test
    void aValueTheServiceRefusesFailsTheDocumentsPatternAsAGeneratedClientChecksIt() {
        // JSON Schema, like a JavaScript RegExp's test(), finds a pattern anywhere in the value; Bean
        // Validation matches it whole. Unanchored, the document let a generated client pass what the
        // service then refused.
        String session = Api.login(Simulator.demoKey());
        String dataset = Simulator.datasetContaining("handbook");
        JsonNode login = resolve(ApiDocument.document().at("/paths/~1api~1v1~1login/post/requestBody/content/application~1json/schema"));
        assertPatternAgrees(login.at("/properties/api_key"), Simulator.demoKey(), "clé-123", given().contentType(ContentType.JSON)
                .body(Map.of("api_key", "clé-123")).post("/api/v1/login"));
        // A key pasted with line breaks around it is stripped and taken by the service: a generated client
        // must not refuse it (a leading one: this validator's Java $ would forgive a final one), nor take a blank key.
        String pasted = "\n" + Simulator.demoKey() + "\n";
        given().contentType(ContentType.JSON).body(Map.of("api_key", pasted)).post("/api/v1/login").then().statusCode(200);
        assertPatternAgrees(login.at("/properties/api_key"), pasted, "   ", given().contentType(ContentType.JSON)
                .body(Map.of("api_key", "   ")).post("/api/v1/login"));
        JsonNode ask = resolve(ApiDocument.document().at("/paths/~1api~1v1~1ask/post/requestBody/content/application~1json/schema"));
        assertPatternAgrees(ask.at("/properties/datasetNames/items"), dataset, "hand\u0007book",
                Api.ask(session, Map.of("datasetNames", List.of("hand\u0007book"), "queryString", "Anything?")));
        // The separator sits inside the value: Java's $, which this validator uses, also matches before a
        // final line separator (JavaScript's does not).
        assertPatternAgrees(parameter("/api/v1/datasets", "prefix"), "team-", "te\u2028am",
                Api.as(session).queryParam("prefix", "te\u2028am").get("/api/v1/datasets"));
        assertPatternAgrees(parameter("/api/v1/datasets/{name}/details", "name"), dataset, "hand\\book",
                Api.as(session).get("/api/v1/datasets/{name}/details", "hand\\book"));
    }

    /** The pattern takes the value the service takes and refuses, like the service, the one it refused. */
    private static void assertPatternAgrees(JsonNode schema, String taken, String refused, Response answer) {
        String pattern = schema.path("pattern").asText("");
        assertFalse(pattern.isEmpty(), "no pattern in " + schema);
        assertEquals(400, answer.statusCode(), "the service refuses " + refused + ": " + answer.asString());
        assertTrue(problems(schema, JSON.getNodeFactory().textNode(taken)).isEmpty(), pattern + " refuses " + taken);
        assertFalse(problems(schema, JSON.getNodeFactory().textNode(refused)).isEmpty(), pattern + " takes " + refused);
        // orval's zod schemas build new RegExp(pattern) without the u flag, where \p{Cc} is literal letters.
        assertFalse(pattern.contains("\\p{"), "a Unicode property needs the u flag in JavaScript: " + pattern);
    }

    private static JsonNode parameter(String path, String name) {
        for (JsonNode parameter : ApiDocument.document().path("paths").path(path).path("get").path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter.path("schema");
            }
        }
        throw new AssertionError(name + " is not a parameter of GET " + path);
    }

    @Test
    void gaiasPassedThroughObjectsLetGeneratedTypesReadTheirFields() {
        // Without additionalProperties: true, openapi-typescript types an object with no listed
        // properties as Record<string, never>, and an app cannot read a field of it.
        JsonNode details = resolve(schemaOf("get", "/api/v1/datasets/{name}/details", "200", "application/json"));
        JsonNode dataset = resolve(resolve(schemaOf("get", "/api/v1/datasets", "200", "application/json"))
                .path("properties").path("datasets").path("items"));
        JsonNode cited = resolve(resolve(schemaOf("post", "/api/v1/ask", "200", "application/json"))
                .path("properties").path("documents").path("items"));
        for (JsonNode schema : List.of(details, dataset, cited)) {
            assertEquals("object", schema.path("type").asText(), schema.toString());
            assertTrue(schema.path("additionalProperties").asBoolean(false), "closed to Gaia's fields: " + schema);
        }
        assertEquals("string", dataset.path("properties").path("name").path("type").asText(), "a dataset's name: " + dataset);
    }
}
