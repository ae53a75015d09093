package io.gaia.bff.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Many browsers streaming at once through one instance, against the simulator. */
@QuarkusTest
class ConcurrentStreamsTest {

    private static final int STREAMS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    @Test
    void twoHundredConcurrentStreamsEachGetEveryEventInOrderAndTheirEnd() throws Exception {
        String session = Api.login(Simulator.demoKey());
        Map<String, Object> question = Map.of("datasetNames", List.of(Simulator.datasetContaining("handbook")),
                "queryString", "How do I claim travel expenses?");
        String expected = Api.ask(session, question).then().statusCode(200).extract().path("response");

        ExecutorService browsers = Executors.newFixedThreadPool(STREAMS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Frame>>> streams = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                streams.add(browsers.submit(() -> {
                    start.await();
                    return StreamClient.read(root, session, question);
                }));
            }
            start.countDown();

            Set<String> conversations = new HashSet<>();
            for (int s = 0; s < STREAMS; s++) {
                List<Frame> events = StreamClient.events(streams.get(s).get(60, TimeUnit.SECONDS));
                String which = "stream " + s + ": ";
                assertEquals(IntStream.rangeClosed(1, events.size()).mapToObj(String::valueOf).toList(),
                        events.stream().map(Frame::id).toList(), which + "every event, numbered in order");
                assertEquals("done", events.get(events.size() - 1).name(), which + "ends with done");
                JsonNode last = JSON.readTree(events.get(events.size() - 2).data());
                assertTrue(last.path("documents").size() > 0, which + "Gaia's final event with its documents arrived");
                assertEquals(expected.strip(), AskStreamTest.textOf(events).strip(), which + "the whole answer, in order");
                conversations.add(JSON.readTree(events.get(events.size() - 1).data()).path("conversationId").asText());
            }
            assertEquals(STREAMS, conversations.size(), "each stream was its own Gaia conversation");
        } finally {
            browsers.shutdownNow();
        }
    }
}
