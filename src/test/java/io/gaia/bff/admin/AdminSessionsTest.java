package io.gaia.bff.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.session.SessionIds;
import io.gaia.bff.session.SessionService;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.LogCapture;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.GaiaSamples;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The operator endpoint with ADMIN_TOKEN set: DELETE /admin/sessions ends every session, or with
 * ?key=<key id> every session of one key; without the exact token it is 401 and the token is never
 * echoed or logged (the log is captured at DEBUG).
 */
@QuarkusTest
@TestProfile(AdminSessionsTest.WithToken.class)
class AdminSessionsTest {

    static final String TOKEN = "op-token-5f1c9e2a7b3d4c6e8f0a1b2c";
    static final LogCapture LOG = LogCapture.named("admin-scan");
    static final String KEY_A = "sk-key-a-11111111";
    static final String KEY_B = "sk-key-b-22222222";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(LOG.config("DEBUG"));
            config.put("admin.token", TOKEN);
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    SessionService sessions;

    @BeforeEach
    void startEmpty() {
        gaia.reset();
        // Any key logs in, so two keys can hold sessions.
        gaia.on("GET", "/datasets").respond(200, GaiaSamples.datasets(null));
        sessions.revokeAll().await().indefinitely();
    }

    @Test
    void withoutTheTokenIs401AndNothingIsRevoked() {
        String session = Api.login(KEY_A);
        for (String path : new String[] { "/admin/sessions", "/admin/sessions?key=" + keyIdOf(KEY_A) }) {
            given().delete(path).then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("ADMIN_TOKEN_REQUIRED"))
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
        // Before routing: an unauthenticated caller learns nothing about which routes or methods exist.
        given().get("/admin/sessions").then().statusCode(401).body("code", equalTo("ADMIN_TOKEN_REQUIRED"));
        given().delete("/admin/no-such-thing").then().statusCode(401).body("code", equalTo("ADMIN_TOKEN_REQUIRED"));
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void noSpellingOfThePathGetsPastTheToken() {
        String session = Api.login(KEY_A);
        for (String path : new String[] { "/admin/sessions/", "//admin/sessions", "/admin//sessions", "/admin/./sessions",
                "/api/../admin/sessions", "/admin/sessions;x=1", "/%61dmin/sessions", "/admin/%73essions",
                "/admin%2Fsessions" }) {
            given().urlEncodingEnabled(false).delete(path).then().statusCode(401)
                    .body("code", equalTo("ADMIN_TOKEN_REQUIRED"));
        }
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void aWrongTokenIs401AndIsNeverEchoed() {
        String session = Api.login(KEY_A);
        String[] wrong = { "Bearer wrong-token-0000000000000000", "Bearer " + TOKEN + "x",
                "Bearer " + TOKEN.substring(0, TOKEN.length() - 1), "Bearer " + TOKEN.toUpperCase(),
                TOKEN, "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes()),
                "Token " + TOKEN, "Bearer", "Bearer ", "" };
        for (String authorization : wrong) {
            Response response = given().header("Authorization", authorization).delete("/admin/sessions");
            response.then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("ADMIN_TOKEN_REQUIRED"));
            assertNoSecrets(response, authorization);
        }
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void revokingAllEndsEverySession() {
        List<String> all = List.of(Api.login(KEY_A), Api.login(KEY_A), Api.login(KEY_B));
        Response response = operator().delete("/admin/sessions");
        response.then().statusCode(200).contentType("application/json").body("revoked", equalTo(3));
        assertNoSecrets(response, TOKEN);
        for (String session : all) {
            Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        }
        operator().delete("/admin/sessions").then().statusCode(200).body("revoked", equalTo(0));
        // New logins work as before.
        Api.as(Api.login(KEY_A)).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void revokingOneKeyLeavesOtherKeysSessionsAlive() {
        String a1 = Api.login(KEY_A);
        String a2 = Api.login(KEY_A);
        String b1 = Api.login(KEY_B);
        operator().queryParam("key", keyIdOf(KEY_A)).delete("/admin/sessions")
                .then().statusCode(200).body("revoked", equalTo(2));
        Api.as(a1).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        Api.as(a2).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
        Api.as(b1).get("/api/v1/session").then().statusCode(200);
        Api.as(b1).get("/api/v1/datasets").then().statusCode(200);
    }

    @Test
    void theDocumentedRecipeGivesTheKeyId() {
        // printf %s "$KEY" | sha256sum | cut -c1-24
        assertEquals(keyIdOf(KEY_A), SessionIds.keyId(KEY_A));
    }

    @Test
    void anUnknownKeyIdRevokesNothing() {
        String a1 = Api.login(KEY_A);
        operator().queryParam("key", keyIdOf("some-other-key")).delete("/admin/sessions")
                .then().statusCode(200).body("revoked", equalTo(0));
        Api.as(a1).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void aMalformedKeyIdIs400AndNeverMeansAll() {
        String a1 = Api.login(KEY_A);
        for (String key : new String[] { "", " ", "abc", keyIdOf(KEY_A).toUpperCase(), keyIdOf(KEY_A) + "0",
                "../" + keyIdOf(KEY_A), KEY_A }) {
            Response response = operator().queryParam("key", key).delete("/admin/sessions");
            response.then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body("detail", startsWith("key must be a key id"))
                    .body("errors[0].field", equalTo("key"));
            assertFalse(response.asString().contains(KEY_A), "the raw key is not echoed: " + response.asString());
        }
        operator().queryParam("keys", keyIdOf(KEY_A)).delete("/admin/sessions").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        operator().delete("/admin/sessions?key").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        Api.as(a1).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        Api.login(KEY_A);
        given().header("Authorization", "bearer " + TOKEN).delete("/admin/sessions")
                .then().statusCode(200).body("revoked", equalTo(1));
    }

    @Test
    void otherMethodsAre405ForTheOperator() {
        operator().get("/admin/sessions").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
        operator().delete("/admin/no-such-thing").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void theEndpointIsNotInThePublicApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(not(containsString("/admin")));
    }

    @Test
    void theTokenNeverReachesTheLog() {
        Api.login(KEY_A);
        operator().delete("/admin/sessions").then().statusCode(200);
        given().header("Authorization", "Bearer " + TOKEN + "x").delete("/admin/sessions").then().statusCode(401);
        given().header("Authorization", "Bearer " + TOKEN.substring(1)).delete("/admin/sessions").then().statusCode(401);
        String log = LOG.awaitContaining("admin_event=denied reason=wrong_token");
        assertTrue(log.contains("DEBUG"), "the log was captured at DEBUG");
        assertTrue(log.contains("session_event=revoked sessions=1 scope=all reason=admin"), "the revocation is logged");
        assertFalse(log.contains(TOKEN.substring(1)), "the log holds the operator token (or a near miss of it)");
        assertFalse(log.contains(KEY_A), "the log holds an API key");
    }

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    /** What an operator computes: the first 24 hex characters of the key's SHA-256. */
    static String keyIdOf(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoSecrets(Response response, String sent) {
        String everything = response.asString() + response.headers().toString();
        assertFalse(everything.contains(TOKEN.substring(1)), "the response holds the operator token: " + everything);
        String credential = sent.replaceFirst("(?i)^(bearer|basic|token)\\s*", "").strip();
        if (credential.length() >= 8) {
            assertFalse(everything.contains(credential), "the response echoes the credential sent: " + everything);
        }
    }
}
