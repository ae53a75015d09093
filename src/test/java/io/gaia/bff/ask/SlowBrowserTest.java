package io.gaia.bff.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.DeafSocket;
import io.gaia.bff.support.LogCapture;
import io.gaia.bff.support.StalledBrowser;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.SseScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A browser that reads a streamed answer slower than Gaia sends it, or stops reading: the service
 * reads Gaia only as fast as the browser takes the answer, instead of holding the rest in memory
 * (tens of MB per stalled stream ran the service out of heap), and a pause of its own making is
 * not taken for Gaia's silence.
 */
@QuarkusTest
@TestProfile(SlowBrowserTest.ShortSilenceLimit.class)
class SlowBrowserTest {

    /** About 38 MB: far more than the kernel's socket buffers between Gaia, the service and the browser hold. */
    private static final int EVENTS = 800;
    private static final int EVENT_TEXT = 48 * 1024;
    static final LogCapture LOG = LogCapture.named("slow-browser");

    public static class ShortSilenceLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = LOG.serviceConfig("INFO");
            config.put("stream.idle-timeout", "1");
            config.put("stream.max-duration", "120");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

    @InjectFakeGaia
    FakeGaia gaia;

    @TestHTTPResource("/")
    URL root;

    private String session;

    @BeforeEach
    void bigAnswer() {
        gaia.reset();
        session = Api.login(FakeGaia.GOOD_API_KEY);
        String text = "x".repeat(EVENT_TEXT);
        SseScript script = SseScript.sse();
        for (int i = 0; i < EVENTS; i++) {
            script.event("{\"responseString\":\"" + text + "\"}");
        }
        script.event("{\"responseString\":\"\",\"queryUid\":\"q-slow\",\"conversationId\":\"c-slow\",\"documents\":[]}");
        gaia.on("POST", "/ask/stream").stream(script.thenEnd());
    }

    @Test
    void aBrowserThatStopsReadingStopsTheReadingFromGaiaAndLaterGetsTheWholeAnswer() throws Exception {
        try (Socket browser = stalledBrowser("req-stalled")) {
            InputStream in = browser.getInputStream();
            byte[] head = new byte[512];
            assertTrue(in.read(head) > 0, "the stream opened");

            assertGaiaIsNoLongerRead();

            // 2.5 s without a byte from Gaia, past the 1 s silence limit: the pause was ours, not Gaia's silence.
            String stream = readToEnd(in);
            assertFalse(stream.contains("event: error"), stream.substring(Math.max(0, stream.length() - 400)));
            assertEquals(EVENTS + 2, Pattern.compile("(?m)^id: ").matcher(stream).results().count(),
                    "every event of Gaia's and the done event");
            assertTrue(stream.contains("event: done"), "the answer ended with done");
        }
    }

    @Test
    void aBrowserThatLeavesWhileStalledClosesTheCallToGaia() throws Exception {
        try (Socket browser = stalledBrowser("req-left-stalled")) {
            assertTrue(browser.getInputStream().read(new byte[512]) > 0, "the stream opened");
            Thread.sleep(1500);
        }
        assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(5)), "the call to Gaia was closed");
        // RESTEasy resets a response whose frame could not be written, and Vert.x then reported no end.
        List<String> access = LOG.awaitContaining("[req-left-stalled] access").lines()
                .filter(line -> line.contains("[req-left-stalled] access")).toList();
        assertEquals(1, access.size(), "one access line for the stream: " + access);
        assertTrue(access.get(0).contains("route=/api/v1/ask/stream status=200") && access.get(0).endsWith("complete=false"),
                access.get(0));
        // The frames it left unsent made RESTEasy log the broken pipe at ERROR with a stack trace, by
        // the time the call to Gaia was closed.
        Thread.sleep(200);
        assertTrue(LOG.entries().stream().noneMatch(entry -> entry.level().equals("ERROR")), LOG.read());
    }

    @Test
    void aSocketClientThatStopsReadingStopsTheReadingFromGaiaAndLaterGetsTheWholeAnswer() throws Exception {
        try (DeafSocket client = DeafSocket.authenticated(root.getPort(), session, 4096)) {
            client.send(Map.of("type", "ask", "id", "long", "datasetNames", List.of("handbook"), "queryString", "A long answer"));
            InputStream in = client.unread();
            assertGaiaIsNoLongerRead();

            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            String seen = "";
            while (!seen.contains("\"type\":\"done\"") && !seen.contains("\"type\":\"error\"")) {
                int n = in.read(buffer);
                assertTrue(n > 0, "the socket closed before the answer ended");
                all.write(buffer, 0, n);
                seen = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            }
            String messages = all.toString(StandardCharsets.ISO_8859_1);
            assertFalse(messages.contains("\"type\":\"error\""), messages.substring(Math.max(0, messages.length() - 400)));
            assertEquals(EVENTS, Pattern.compile("\"type\":\"delta\"").matcher(messages).results().count(),
                    "every increment of Gaia's answer");
        }
    }

    @Test
    void aLogoutEndsTheCallToGaiaOfAStalledStreamAtOnce() throws Exception {
        try (Socket browser = stalledBrowser("req-stalled")) {
            assertTrue(browser.getInputStream().read(new byte[512]) > 0, "the stream opened");
            Thread.sleep(1000);
            Api.logout(session).then().statusCode(204);
            // The browser has not read its frames, so the stream's own end waits for it; Gaia need not.
            assertTrue(gaia.awaitClientClosed("/ask/stream", Duration.ofSeconds(5)), "the call to Gaia was closed");
        }
    }

    @Test
    void aSocketClientThatStopsReadingIsDroppedSoonAfterItsSessionEnds() throws Exception {
        try (DeafSocket client = DeafSocket.authenticated(root.getPort(), session, 4096)) {
            client.send(Map.of("type", "ask", "id", "long", "datasetNames", List.of("handbook"), "queryString", "A long answer"));
            Thread.sleep(1500); // the socket is full of frames the client does not take
            // Each socket gets its access line when it closes.
            String closed = "access method=GET route=/api/v1/ws status=101";
            long closedBefore = LOG.read().lines().filter(line -> line.contains(closed)).count();
            Api.logout(session).then().statusCode(204);
            // The close frame waits behind the unread frames, so the client would never see it and the
            // connection would stay open (and counted in flight) until the 30-minute idle timeout. The
            // connection is dropped 3 s after the logout; its close, and so its line, follows once Vert.x's
            // 2 s closing timeout has run too: about 5 s, so 5 s was too tight a bound.
            String log = LOG.awaitLines(closed, (int) closedBefore + 1, Duration.ofSeconds(8));
            assertEquals(closedBefore + 1, log.lines().filter(line -> line.contains(closed)).count(), "the socket was closed: " + log);
        }
    }

    /** After 2.5 s of a client reading nothing, the service has stopped reading Gaia, well short of the answer. */
    private void assertGaiaIsNoLongerRead() throws InterruptedException {
        Thread.sleep(1500);
        long afterStall = gaia.streamedBytes();
        Thread.sleep(1000);
        assertEquals(afterStall, gaia.streamedBytes(), "Gaia's answer is no longer read while the client reads nothing");
        assertTrue(afterStall < (long) EVENTS * EVENT_TEXT / 2,
                "the service read " + afterStall + " bytes of Gaia's answer for a client that read nothing");
    }

    private Socket stalledBrowser(String requestId) throws Exception {
        return StalledBrowser.ask(root.getHost(), root.getPort(), session, requestId);
    }

    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0;) {
            all.write(buffer, 0, n);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
