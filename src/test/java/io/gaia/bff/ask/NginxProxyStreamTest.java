package io.gaia.bff.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.FakeGaiaProfile;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.Nginx;
import io.gaia.bff.testing.SseScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Behind an nginx reverse proxy with default buffering, the stream still arrives event by event. */
@QuarkusTest
@TestProfile(FakeGaiaProfile.class)
class NginxProxyStreamTest {

    private static final Map<String, Object> QUESTION = Map.of("datasetNames", List.of("handbook"), "queryString", "q");
    private static final long GAIA_PAUSE_MILLIS = 600;

    @InjectFakeGaia
    FakeGaia gaia;

    @TestHTTPResource("/")
    URL service;

    Nginx nginx;

    @BeforeEach
    void startProxy() throws Exception {
        gaia.reset();
        nginx = Nginx.proxyTo(service.getPort());
    }

    @AfterEach
    void stopProxy() throws Exception {
        nginx.close();
    }

    @Test
    void eventsPassThroughNginxAsGaiaSendsThem() throws Exception {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .pause(Duration.ofMillis(GAIA_PAUSE_MILLIS))
                .event("{\"responseString\":\"one \"}").pause(Duration.ofMillis(GAIA_PAUSE_MILLIS))
                .event("{\"responseString\":\"two \"}").pause(Duration.ofMillis(GAIA_PAUSE_MILLIS))
                .event("{\"queryUid\":\"q\",\"documents\":[]}")
                .thenEnd());
        String session = Api.login(FakeGaia.GOOD_API_KEY);
        URL proxied = URI.create(nginx.url()).toURL();
        List<Frame> frames;
        try (StreamClient stream = StreamClient.open(proxied, session, QUESTION)) {
            assertEquals(200, stream.status());
            frames = stream.readToEnd();
        }
        assertEquals("stream open", frames.get(0).comment());
        List<Frame> events = StreamClient.events(frames);
        assertEquals(List.of("message", "message", "message", "done"), events.stream().map(Frame::type).toList());

        // Compared with what Gaia sent, generously: a buffering proxy would deliver everything at the end.
        long opened = frames.get(0).nanos();
        long[] arrivals = { opened, events.get(0).nanos(), events.get(1).nanos(), events.get(2).nanos() };
        for (int i = 1; i < arrivals.length; i++) {
            long gapMillis = (arrivals[i] - arrivals[i - 1]) / 1_000_000;
            assertTrue(gapMillis >= GAIA_PAUSE_MILLIS / 2,
                    "through nginx, piece " + i + " came " + gapMillis + " ms after the previous one; Gaia paused "
                            + GAIA_PAUSE_MILLIS + " ms");
        }
    }
}
