package io.gaia.bff.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An operator turns HTTP compression on, even for text/event-stream: the stream must stay a stream. */
@QuarkusTest
@TestProfile(StreamCompressionTest.CompressionOn.class)
class StreamCompressionTest {

    public static class CompressionOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.enable-compression", "true",
                    "quarkus.http.compress-media-types", "application/json,text/event-stream");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void streamIsNeverCompressedWhileJsonIs() throws Exception {
        String session = Api.login(Simulator.demoKey());
        HttpResponse<byte[]> datasets = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(root + "api/v1/datasets"))
                        .header("X-Session-ID", session).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", datasets.headers().firstValue("Content-Encoding").orElse(null),
                "compression is on for JSON, so the stream below is tested under it");

        Map<String, Object> question = Map.of("datasetNames", List.of(Simulator.datasetContaining("handbook")),
                "queryString", "How do I claim travel expenses?");
        try (StreamClient stream = StreamClient.open(root, "api/v1/ask/stream", session, question,
                Map.of("Accept-Encoding", "gzip"))) {
            assertEquals(200, stream.status());
            assertTrue(stream.headers().firstValue("Content-Encoding").filter("gzip"::equals).isEmpty(),
                    "no gzip on the event stream: " + stream.headers().map());
            List<Frame> events = StreamClient.events(stream.readToEnd());
            assertEquals("done", events.get(events.size() - 1).name());
            long spreadMillis = (events.get(events.size() - 3).nanos() - events.get(0).nanos()) / 1_000_000;
            assertTrue(spreadMillis >= (events.size() - 3) * 15L / 2,
                    "events arrived as the simulator sent them (15 ms apart), over " + spreadMillis + " ms");
        }
    }
}
