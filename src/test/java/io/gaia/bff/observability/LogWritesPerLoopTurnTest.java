package io.gaia.bff.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Log lines written from an event loop are held only until the end of the loop's turn: a request's
 * access line is in the log as soon as the request is over, with nothing else logged after it, and
 * lines that many requests log at once all arrive, each whole.
 */
@QuarkusTest
@TestProfile(LogWritesPerLoopTurnTest.CapturedLog.class)
class LogWritesPerLoopTurnTest {

    static final LogCapture LOG = LogCapture.named("log-writes-per-loop-turn");

    public static class CapturedLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LOG.serviceConfig("INFO");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anAccessLineIsInTheLogAsSoonAsItsRequestIsOver() throws Exception {
        for (int i = 0; i < 5; i++) {
            String id = "prompt-" + i + "-" + System.nanoTime();
            assertEquals(200, get(id).get().statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            // Nothing else is logged meanwhile: a line held for a later write would never show up.
            while (!LOG.read().contains("[" + id + "] access ") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(LOG.read().contains("[" + id + "] access method=GET route=/q/health/live status=200"),
                    "the access line of " + id + " is in the log within a second of the response");
        }
    }

    @Test
    void linesLoggedByManyRequestsAtOnceAllArriveWhole() {
        String batch = "burst-" + System.nanoTime() + "-";
        List<CompletableFuture<HttpResponse<Void>>> responses = IntStream.range(0, 400)
                .mapToObj(i -> get(batch + i)).toList();
        responses.forEach(response -> assertEquals(200, response.join().statusCode()));

        LOG.awaitLines(batch, 400);
        Map<String, Long> accessLinesPerRequest = LOG.entries().stream()
                .filter(entry -> entry.requestId().startsWith(batch) && entry.message().startsWith("access "))
                .collect(Collectors.groupingBy(LogCapture.Entry::requestId, Collectors.counting()));
        List<String> missing = IntStream.range(0, 400).mapToObj(i -> batch + i)
                .filter(id -> !accessLinesPerRequest.containsKey(id)).toList();
        assertEquals(List.of(), missing, "requests whose whole access line is not in the log");
        assertEquals(Map.of(), accessLinesPerRequest.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "requests logged more than once");
        assertEquals(400, LOG.read().lines().filter(line -> line.contains(batch)).count(),
                "no line of the burst is written twice or broken across lines");
    }

    private CompletableFuture<HttpResponse<Void>> get(String requestId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/live"))
                .header("X-Request-ID", requestId).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }
}
