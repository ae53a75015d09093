package io.gaia.bff.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.FakeGaiaProfile;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.GaiaSamples;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.SseScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * How a stream opens, stays alive and ends, against a fake Gaia whose timing the test controls.
 * FakeGaiaProfile: heartbeat 0.25 s, silence limit 2 s, total limit 4 s, at most 4 open streams.
 */
@QuarkusTest
@TestProfile(FakeGaiaProfile.class)
class StreamLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> QUESTION = Map.of("datasetNames", List.of("handbook"), "queryString", "q");

    @InjectFakeGaia
    FakeGaia gaia;

    @TestHTTPResource("/")
    URL root;

    String session;
    final List<StreamClient> opened = new ArrayList<>();

    @BeforeEach
    void login() {
        gaia.reset();
        session = Api.login(FakeGaia.GOOD_API_KEY);
    }

    @AfterEach
    void leaveOpenStreams() {
        opened.forEach(StreamClient::close);
        gaia.reset();
    }

    private StreamClient open() {
        StreamClient stream = StreamClient.open(root, session, QUESTION);
        opened.add(stream);
        return stream;
    }

    @Test
    void streamOpensAsSoonAsGaiaAcceptsEvenIfItsFirstEventIsSecondsAway() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .pause(Duration.ofMillis(1500))
                .event("{\"responseString\":\"late\"}")
                .thenEnd());
        long asked = System.nanoTime();
        StreamClient stream = open();
        assertEquals(200, stream.status(), "headers are sent before Gaia's first event");
        Frame first = stream.next();
        assertEquals("stream open", first.comment(), "an opening comment, so proxies and browsers see the stream live");
        List<Frame> rest = stream.readToEnd();
        Frame firstEvent = StreamClient.events(rest).get(0);
        long openedAfter = (first.nanos() - asked) / 1_000_000;
        long eventAfter = (firstEvent.nanos() - asked) / 1_000_000;
        assertTrue(eventAfter - openedAfter >= 1000,
                "the stream opened at " + openedAfter + " ms, Gaia's first event (sent after 1500 ms) came at " + eventAfter + " ms");
    }

    @Test
    void quietStreamGetsHeartbeatCommentsThatAreNotEvents() {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"one \"}")
                .pause(Duration.ofMillis(1500))
                .event("{\"responseString\":\"two\"}")
                .event(GaiaSamples.finalEvent(GaiaSamples.CONVERSATION_ID))
                .thenEnd());
        List<Frame> frames = StreamClient.read(root, session, QUESTION);
        int one = indexOfData(frames, "one");
        int two = indexOfData(frames, "two");
        long heartbeats = frames.subList(one, two).stream().filter(f -> "keep-alive".equals(f.comment())).count();
        // 1.5 s of silence at one heartbeat per 0.25 s is about 6; timers on a busy machine may merge some.
        assertTrue(heartbeats >= 3, "heartbeats while Gaia was quiet: " + frames);
        List<Frame> events = StreamClient.events(frames);
        assertEquals(List.of("1", "2", "3", "4"), events.stream().map(Frame::id).toList(), "heartbeats take no ids");
        assertEquals("done", events.get(3).name());
    }

    @Test
    void answerRunningPastTheTotalLimitEndsWithATimeoutAndClosesGaia() throws Exception {
        SseScript lively = SseScript.sse();
        for (int i = 0; i < 40; i++) {
            lively.event("{\"responseString\":\"word \"}").pause(Duration.ofMillis(250));
        }
        gaia.on("POST", "/ask/stream").stream(lively.thenEnd());
        long start = System.nanoTime();
        List<Frame> events = StreamClient.events(StreamClient.read(root, session, QUESTION));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        Frame last = events.get(events.size() - 1);
        assertEquals("error", last.name());
        JsonNode problem = JSON.readTree(last.data());
        assertEquals("GAIA_TIMEOUT", problem.path("code").asText());
        assertTrue(problem.path("detail").asText().contains("4 s limit"), problem.toString());
        assertTrue(tookMillis >= 3500 && tookMillis < 8000, "the 4 s total limit ended a 10 s answer after " + tookMillis + " ms");
        assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(2)), "Gaia's connection was closed mid-answer");
    }

    @Test
    void streamsBeyondTheLimitAreRefusedWith503AndRetryAfterUntilOneEnds() {
        SseScript slow = SseScript.sse();
        for (int i = 0; i < 20; i++) {
            slow.event("{\"responseString\":\"word \"}").pause(Duration.ofMillis(150));
        }
        gaia.on("POST", "/ask/stream").stream(slow.thenEnd());
        for (int i = 0; i < 4; i++) {
            StreamClient stream = open();
            assertEquals(200, stream.status(), "stream " + (i + 1) + " of the limit of 4");
            assertEquals("stream open", stream.next().comment());
        }

        StreamClient refused = open();
        assertEquals(503, refused.status(), "the fifth stream is refused at once, not left waiting");
        assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null));
        assertTrue(refused.rest().contains("TOO_MANY_STREAMS"));

        opened.get(0).close();
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> {
            StreamClient retry = open();
            return retry.status() == 200;
        });
    }

    @Test
    void browserLeavingBeforeGaiaAnswersAbandonsTheGaiaRequest() throws Exception {
        gaia.on("POST", "/ask/stream").hang();
        byte[] body = JSON.writeValueAsBytes(QUESTION);
        try (Socket browser = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = browser.getOutputStream();
            out.write(("POST /api/v1/ask/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Accept: text/event-stream\r\nX-Session-ID: " + session + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !gaia.requestsTo("/ask/stream").isEmpty());
        }
        // The 1 s request timeout would close it too, but later: the browser's leaving must do it first.
        assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofMillis(600)),
                "the Gaia request was abandoned as soon as the browser left");
    }

    @Test
    void browserLeavingMidAnswerClosesGaiaBeforeItFinishes() throws Exception {
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"first \"}")
                .pause(Duration.ofMillis(1500))
                .event("{\"responseString\":\"never read\"}")
                .thenEnd());
        StreamClient stream = open();
        assertEquals("stream open", stream.next().comment());
        Frame first = stream.next();
        assertNotNull(first);
        assertTrue(first.data().contains("first"));
        stream.close();
        assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofMillis(1000)),
                "the service closed its Gaia connection while Gaia was still answering");
    }

    private static int indexOfData(List<Frame> frames, String text) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).data() != null && frames.get(i).data().contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no event with " + text + " in " + frames);
    }
}
