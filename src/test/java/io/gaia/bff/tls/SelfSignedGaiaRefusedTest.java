package io.gaia.bff.tls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** By default Gaia's certificate is verified: a self-signed one is refused, and the user is told why. */
@QuarkusTest
@TestProfile(SelfSignedGaiaRefusedTest.Verified.class)
class SelfSignedGaiaRefusedTest {

    public static class Verified implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SelfSignedGaia.class));
        }
    }

    @Test
    void untrustedCertificateIsAGaiaTlsErrorNotABadKey() {
        given().contentType(ContentType.JSON).body(Map.of("api_key", "any-key")).post("/api/v1/login")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("code", equalTo("GAIA_TLS_ERROR"))
                .body("detail", containsString("GAIA_VERIFY_SSL"));
    }
}
