package io.gaia.bff.tls;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.LogCapture;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** GAIA_VERIFY_SSL=false makes a self-signed on-premises Gaia usable, and says so in the log. */
@QuarkusTest
@TestProfile(SelfSignedGaiaTrustedTest.Trusted.class)
class SelfSignedGaiaTrustedTest {

    @TestHTTPResource("/")
    URL root;

    static final LogCapture LOG = LogCapture.named("self-signed-gaia");

    public static class Trusted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(LOG.config("INFO"));
            config.put("gaia.verify-ssl", "false");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SelfSignedGaia.class));
        }
    }

    @Test
    void selfSignedGaiaIsUsableAndTheRiskIsLogged() throws Exception {
        String session = Api.login("any-key");
        Api.as(session).get("/api/v1/datasets").then().statusCode(200).body("datasets[0].name", equalTo("on-prem"));
        assertTrue(LOG.read().contains("GAIA_VERIFY_SSL=false"), "startup warns that TLS is not verified");
    }

    @Test
    void streamedAnswersWorkFromASelfSignedGaiaToo() {
        String session = Api.login("any-key");
        List<Frame> events = StreamClient.events(StreamClient.read(root, session,
                Map.of("datasetNames", List.of("on-prem"), "queryString", "q")));
        assertEquals("{\"responseString\":\"over TLS\"}", events.get(0).data());
        assertEquals("done", events.get(events.size() - 1).name(), "after Gaia's final event: " + events);
    }
}
