package io.gaia.bff.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class LoginTest {

    @Test
    void validKeyOpensASessionWithAnOpaqueId() {
        given().contentType(ContentType.JSON).body(Map.of("api_key", Simulator.demoKey()))
                .when().post("/api/v1/login")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("session_id", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("session_id", not(containsString(Simulator.demoKey())))
                .body("expires_in", allOf(greaterThan(1700), lessThanOrEqualTo(1800))) // unused, a session ends after SESSION_IDLE_SECONDS
                .body(not(containsString(Simulator.demoKey())));
    }

    @Test
    void camelCaseApiKeyIsAcceptedToo() {
        given().contentType(ContentType.JSON).body(Map.of("apiKey", Simulator.demoKey()))
                .when().post("/api/v1/login")
                .then().statusCode(200).body("session_id", matchesPattern("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void bothSpellingsOfTheKeyAre400NamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("api_key", Simulator.demoKey(), "apiKey", "other-key"))
                .when().post("/api/v1/login")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", equalTo("Send the key as api_key or as apiKey, not both"))
                .body("errors[0].field", equalTo("api_key"))
                .body(not(containsString(Simulator.demoKey())))
                .body(not(containsString("other-key")));
    }

    @ParameterizedTest
    // A control character cannot travel in the apiKey header (it used to come back as 502
    // GAIA_BAD_RESPONSE); other characters went as '?', so Gaia's echo of the key was not redacted.
    @ValueSource(strings = { "gaia-demo\ncd", "abc\u200bSECRET", "cl\u00e9-\u5bc6\u94a5-SECRET" })
    void keyThatCannotTravelInAHeaderAsItIsIs400NotAGaiaFailure(String key) {
        given().contentType(ContentType.JSON).body(Map.of("api_key", key))
                .when().post("/api/v1/login")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", startsWith("api_key must contain only printable ASCII characters"))
                .body("errors[0].field", equalTo("api_key"))
                .body(not(containsString("SECRET")));
    }

    @Test
    void keyPastedWithATrailingNewlineStillLogsIn() {
        given().contentType(ContentType.JSON).body(Map.of("api_key", Simulator.demoKey() + "\n"))
                .when().post("/api/v1/login")
                .then().statusCode(200).body("session_id", matchesPattern("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void numberAsKeyIs400NotAnInvalidKey() {
        given().contentType(ContentType.JSON).body("{\"api_key\": 12345}")
                .when().post("/api/v1/login")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", equalTo("Field 'api_key' has the wrong type: expected a string"))
                .body("errors[0].field", equalTo("api_key"));
    }

    @Test
    void everyLoginGetsItsOwnSession() {
        assertNotEquals(Api.login(Simulator.demoKey()), Api.login(Simulator.demoKey()));
    }

    @Test
    void keyGaiaRejectsIs401InvalidApiKey() {
        given().contentType(ContentType.JSON).body(Map.of("api_key", "not-a-real-key"))
                .when().post("/api/v1/login")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_API_KEY"))
                .body("status", equalTo(401))
                .body("detail", containsString("Gaia rejected the API key"))
                .body(not(containsString("not-a-real-key")));
    }

    @Test
    void aKeyUnderAnotherNameIsNamedAsNotRead() {
        given().contentType(ContentType.JSON).body(Map.of("key", "k", "token", "t"))
                .when().post("/api/v1/login")
                .then().statusCode(400)
                .body("detail", equalTo("api_key is required; this route does not read key, token"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "gaia-4f0c2a9d8e7b6a5c4d3e2f1a0b9c8d7e", "gaia-demo-key", "sk4f0c2a9d8e" })
    void aFieldNameThatCouldBeAKeyIsCountedNotQuoted(String keyAsName) {
        // Short keys too: the simulator's own key is 13 characters.
        given().contentType(ContentType.JSON).body("{\"" + keyAsName + "\": true, \"key\": 1}")
                .when().post("/api/v1/login")
                .then().statusCode(400)
                .body("detail", equalTo("api_key is required; this route does not read key and 1 other field"))
                .body(not(containsString(keyAsName)));
    }

    @Test
    void missingKeyIs400NamingTheField() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/login")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", equalTo("api_key is required"))
                .body("errors[0].field", equalTo("api_key"));
    }

    @Test
    void blankKeyIs400() {
        given().contentType(ContentType.JSON).body(Map.of("api_key", "   "))
                .when().post("/api/v1/login")
                .then().statusCode(400).body("errors[0].field", equalTo("api_key"));
    }

    @Test
    void missingBodyIs400() {
        given().contentType(ContentType.JSON)
                .when().post("/api/v1/login")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", equalTo("A JSON body with api_key is required"));
    }

    @Test
    void malformedJsonIs400WithoutEchoingTheBody() {
        given().contentType(ContentType.JSON).body("{\"api_key\": sk-live-123")
                .when().post("/api/v1/login")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", containsString("not valid JSON"))
                .body(not(containsString("sk-live")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x1f, 0xff})
    void aRawControlCharacterOrInvalidUtf8InTheKeyIsMalformedJsonNotAWrongType(int bad) {
        // Latin-1 turns each char into the one byte of the same value: 0xff is a lone byte, invalid UTF-8.
        byte[] body = ("{\"api_key\": \"sk-live-123" + (char) bad + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/login")
                .then().statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", containsString("not valid JSON"))
                .body(not(containsString("sk-live")));
    }

    @Test
    void anythingAfterTheJsonValueIs400NotJsonAndOpensNoSession() {
        for (String body : List.of("{\"api_key\": \"" + Simulator.demoKey() + "\"} xyz",
                "{\"api_key\": \"" + Simulator.demoKey() + "\"}{\"api_key\": \"sk-other\"}")) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/login")
                    .then().statusCode(400)
                    .body("code", equalTo("MALFORMED_JSON"))
                    .body("detail", containsString("not valid JSON"))
                    .body(not(containsString("sk-other")));
        }
        // Whitespace after the value is still one value.
        given().contentType(ContentType.JSON).body("{\"api_key\": \"" + Simulator.demoKey() + "\"}\n\n")
                .when().post("/api/v1/login")
                .then().statusCode(200);
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"api_key\": {\"nested\": true}}")
                .when().post("/api/v1/login")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", containsString("api_key"));
    }

    @Test
    void formPostIs415() {
        given().contentType(ContentType.URLENC).formParam("api_key", "x")
                .when().post("/api/v1/login")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void wrongMethodIs405Problem() {
        given().when().get("/api/v1/login")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void oversizedBodyIsRefusedWithAProblem() {
        // Just over the 1 MB limit (problem.OversizedBodiesTest has the other ways of sending one).
        String huge = "x".repeat(1024 * 1024 + 1024);
        given().contentType(ContentType.JSON).body(Map.of("api_key", huge))
                .when().post("/api/v1/login")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }
}
