package io.gaia.bff.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.restassured.response.Response;

/**
 * The service's OpenAPI document, as a client generator reads it, and the check that an answer is
 * one the document lists: its status listed for the route, its body matching the listed schema, with
 * every required field present and no field of the service's own that the document leaves out.
 */
public final class ApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document;
    private static JsonNode strictComponents;

    private ApiDocument() {
    }

    /** /q/openapi as JSON, read once: every test application serves the same document. */
    public static synchronized JsonNode document() {
        if (document == null) {
            try {
                document = JSON.readTree(given().queryParam("format", "json").get("/q/openapi")
                        .then().statusCode(200).extract().asString());
            } catch (Exception e) {
                throw new AssertionError("/q/openapi is not JSON", e);
            }
            strictComponents = closed(document.path("components").deepCopy());
        }
        return document;
    }

    /** The answer's status is listed for the route, and its body is what the listed response says. */
    public static void assertDocumented(String method, String path, Response answer, int expectedStatus) {
        String route = method.toUpperCase() + " " + path;
        assertEquals(expectedStatus, answer.statusCode(), route + ": " + answer.asString());
        JsonNode operation = document().path("paths").path(path).path(method);
        assertFalse(operation.isMissingNode(), route + " is not in the document");
        JsonNode listed = resolve(operation.path("responses").path(String.valueOf(answer.statusCode())));
        assertFalse(listed.isMissingNode(), route + " answered " + answer.statusCode() + ", which the document does not list");
        JsonNode content = listed.path("content");
        if (content.isMissingNode()) {
            assertEquals("", answer.asString(), route + " " + answer.statusCode() + " is documented without a body");
            return;
        }
        String contentType = answer.contentType().split(";")[0].trim();
        assertTrue(content.has(contentType), route + " " + answer.statusCode() + " answered " + contentType
                + "; the document lists " + content.properties().stream().map(Map.Entry::getKey).toList());
        if (contentType.equals("text/event-stream")) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.asString());
        } catch (Exception e) {
            throw new AssertionError(route + " answered a body that is not JSON: " + answer.asString(), e);
        }
        Set<ValidationMessage> problems = problems(content.path(contentType).path("schema"), body);
        assertTrue(problems.isEmpty(), route + " " + answer.statusCode() + " does not match the document: " + problems
                + "\n" + body);
    }

    /**
     * Each event of a stream holds the data the document names for it: StreamDone for done, a Problem
     * for error, a GaiaStreamEvent for any event of Gaia's relayed.
     */
    public static void assertEventsDocumented(List<StreamClient.Frame> events) {
        for (StreamClient.Frame event : events) {
            String schema = switch (event.type()) {
                case "done" -> "StreamDone";
                case "error" -> "Problem";
                default -> "GaiaStreamEvent";
            };
            JsonNode data;
            try {
                data = JSON.readTree(event.data());
            } catch (Exception e) {
                throw new AssertionError("event " + event.id() + " holds data that is not JSON: " + event.data(), e);
            }
            Set<ValidationMessage> problems = problems(component(schema), data);
            assertTrue(problems.isEmpty(), "event " + event.id() + " (" + event.type() + ") is not a " + schema + ": "
                    + problems + "\n" + data);
        }
    }

    /** Each message a WebSocket client received is a LiveServerMessage, as the document describes it. */
    public static void assertLiveMessagesDocumented(List<JsonNode> messages) {
        JsonNode live = component("LiveServerMessage");
        for (JsonNode message : messages) {
            Set<ValidationMessage> problems = problems(live, message);
            assertTrue(problems.isEmpty(), "not a LiveServerMessage: " + problems + "\n" + message);
        }
    }

    /** A schema that refers to the document's component of this name, which must be there. */
    public static JsonNode component(String name) {
        String ref = "#/components/schemas/" + name;
        schemaAt(ref);
        return JSON.createObjectNode().put("$ref", ref);
    }

    public static JsonNode schemaOf(String method, String path, String status, String contentType) {
        JsonNode listed = resolve(document().path("paths").path(path).path(method).path("responses").path(status));
        JsonNode schema = listed.path("content").path(contentType).path("schema");
        assertFalse(schema.isMissingNode(), method + " " + path + " " + status + " " + contentType + " is not in the document");
        return schema;
    }

    public static Set<ValidationMessage> problems(JsonNode schema, JsonNode body) {
        // The schema is checked inside a document holding the components, so its $refs resolve.
        document();
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", strictComponents);
        root.putArray("allOf").add(schema);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root, config).validate(body);
    }

    /**
     * The components with every object schema that does not say otherwise closed to unlisted fields,
     * so a field the service sends but the document leaves out fails the check; Gaia's pass-through
     * objects say additionalProperties: true and stay open. A schema another one extends (AskRequest,
     * which LiveAsk extends) stays open too, or it would refuse the extension's fields.
     */
    private static JsonNode closed(JsonNode components) {
        Set<String> extended = new HashSet<>();
        components.findValues("allOf").forEach(allOf -> allOf.forEach(member -> extended.add(member.path("$ref").asText())));
        components.path("schemas").properties().forEach(schema -> {
            if (!extended.contains("#/components/schemas/" + schema.getKey())) {
                close(schema.getValue());
            }
        });
        return components;
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // A union (LiveServerMessage) is closed by each of its members, not by itself.
            if (object.has("properties") && !object.has("additionalProperties") && !object.has("oneOf")
                    && !object.has("allOf")) {
                object.put("additionalProperties", false);
            }
            object.forEach(ApiDocument::close);
        } else if (node.isArray()) {
            node.forEach(ApiDocument::close);
        }
    }

    /** The schema or response a $ref points to, followed until it is not a $ref. */
    public static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = schemaAt(current.path("$ref").asText());
        }
        return current;
    }

    private static JsonNode schemaAt(String ref) {
        assertTrue(ref.startsWith("#/"), "a reference outside the document: " + ref);
        JsonNode target = document().at(ref.substring(1));
        assertFalse(target.isMissingNode(), "the document refers to " + ref + ", which it does not hold");
        return target;
    }
}
