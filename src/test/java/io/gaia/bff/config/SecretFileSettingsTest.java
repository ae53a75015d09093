package io.gaia.bff.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.GaiaSamples;
import io.gaia.bff.testing.InjectFakeGaia;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * GAIA_SECURITY_CONTEXT and ADMIN_TOKEN mounted from a Kubernetes Secret made with --from-file end in
 * a newline. Sent as it was, the security context made every login a 502 and the token never matched.
 */
@QuarkusTest
@TestProfile(SecretFileSettingsTest.FromSecretFiles.class)
class SecretFileSettingsTest {

    static final String TOKEN = "op-token-3a9c1e7f5b2d4086";

    public static class FromSecretFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gaia.security-context", "tenant-7\n", "admin.token", TOKEN + "\n");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

    @InjectFakeGaia
    FakeGaia gaia;

    @BeforeEach
    void anyKeyLogsIn() {
        gaia.reset();
        gaia.on("GET", "/datasets").respond(200, GaiaSamples.datasets(null));
    }

    @Test
    void gaiaGetsTheSecurityContextWithoutTheFilesNewline() {
        String session = Api.login("sk-tenant-user-1234");
        Api.as(session).get("/api/v1/datasets").then().statusCode(200);

        assertEquals(2, gaia.requestsTo("/datasets").size());
        gaia.requestsTo("/datasets").forEach(request -> assertEquals("tenant-7", request.header("X-GAIA-SECURITY-CTX")));
    }

    @Test
    void theOperatorTokenWorksWithoutTheFilesNewline() {
        String session = Api.login("sk-tenant-user-1234");
        given().header("Authorization", "Bearer " + TOKEN).delete("/admin/sessions").then().statusCode(200);

        Api.as(session).get("/api/v1/session").then().statusCode(401).body("code", equalTo("SESSION_INVALID"));
    }
}
