package io.gaia.bff.upstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Gaia quoting the key back in ways a plain search for the key misses: a message long enough to be
 * shortened, the key escaped inside Gaia's JSON, the key in a header. With the REST client's traffic
 * log on, as in {@link SecretsStayOutOfLogsTest}.
 */
@QuarkusTest
@TestProfile(GaiaEchoingTheKeyTest.DebugLoggingManyLogins.class)
class GaiaEchoingTheKeyTest {

    /** Its own instance: the walk in SecretsStayOutOfLogsTest counts on its login limit being untouched. */
    public static class DebugLoggingManyLogins extends SecretsStayOutOfLogsTest.DebugLogging {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("rate-limit.login-attempts", "1000");
            return config;
        }
    }

    private static final Map<String, Object> QUESTION = Map.of("datasetNames", List.of("handbook"), "queryString", "q");

    @InjectFakeGaia
    FakeGaia gaia;

    @BeforeEach
    void reset() {
        gaia.reset();
    }

    @Test
    void aLongKeyInGaiasMessageIsCutOutWholeBeforeTheMessageIsShortened() {
        String key = "LONGSECRET" + "k".repeat(600) + "-END";
        gaia.on("GET", "/datasets").respond(401, "{\"message\":\"bad key " + key + "\"}");

        String body = given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/api/v1/login")
                .then().statusCode(401).body("code", equalTo("INVALID_API_KEY"))
                .body("detail", containsString("[redacted]"))
                .extract().asString();

        assertFalse(body.contains("LONGSECRET") || body.contains("kkkkkkkkkkkkkkkk"), "part of the key leaked: " + body);
    }

    @Test
    void aKeyGaiaQuotesEscapedInItsJsonStaysOutOfTheTrafficLogAndTheAnswer() {
        String key = "escKEY-7f3a\"quo\\te/sl-SECRET";
        String asGaiaWritesIt = "escKEY-7f3a\\\"quo\\\\te\\/sl-SECRET";
        gaia.on("GET", "/datasets").respond(401, "{\"message\":\"bad key " + asGaiaWritesIt + "\"}");

        String body = given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/api/v1/login")
                .then().statusCode(401).extract().asString();

        assertFalse(body.contains("escKEY-7f3a"), "the answer holds the key: " + body);
        String log = SecretsStayOutOfLogsTest.LOG.awaitContaining("Gaia response: GET");
        assertFalse(log.contains("escKEY-7f3a"), "the traffic log holds the key as Gaia escaped it");
    }

    @Test
    void aRetryAfterThatIsNotSecondsOrADateIsNotPassedOnNorLogged() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(429, "{\"message\":\"slow down\"}")
                .withHeader("Retry-After", "try " + FakeGaia.GOOD_API_KEY + "-again");

        Api.ask(session, QUESTION).then().statusCode(429).body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", nullValue())
                .body(not(containsString(FakeGaia.GOOD_API_KEY)));

        String log = SecretsStayOutOfLogsTest.LOG.awaitContaining("Gaia response: POST");
        assertFalse(log.contains("try " + FakeGaia.GOOD_API_KEY), "the traffic log holds the key from a header");
    }

    @Test
    void aRetryAfterInSecondsIsPassedOn() {
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        gaia.on("POST", "/ask").respond(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "7");

        Api.ask(session, QUESTION).then().statusCode(429).header("Retry-After", equalTo("7"));
    }
}
