package io.gaia.bff.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.gaia.bff.support.LiveClient;
import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * The socket's time and capacity limits, made short: auth within 0.5 s, sessions of 2 s, one stream
 * at a time. The shutdown test runs last because it leaves this instance closing every new socket.
 */
@QuarkusTest
@TestProfile(LiveLimitsTest.ShortLimits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveLimitsTest {

    public static class ShortLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("live.auth-timeout", "0.5",
                    "session.ttl-seconds", "2",
                    "stream.max-concurrent", "1");
        }
    }

    private static final String QUESTION = "How do I claim travel expenses?";

    @Inject
    Vertx vertx;

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdown;

    @TestHTTPResource("/api/v1/ws")
    URI endpoint;

    final List<LiveClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(LiveClient::close);
    }

    private LiveClient connect() {
        LiveClient client = LiveClient.connect(vertx, endpoint);
        clients.add(client);
        return client;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Test
    @Order(1)
    void noAuthWithinTheTimeLimitClosesTheSocketWithItsReason() {
        long connected = System.nanoTime();
        LiveClient client = connect();

        JsonNode error = client.next();
        LiveClient.Closed closed = client.awaitClose();

        assertEquals("SESSION_REQUIRED", error.path("code").asText());
        assertEquals((short) 1008, closed.code());
        assertTrue(closed.reason().startsWith("SESSION_REQUIRED: No auth message within 0.5 s"), closed.reason());
        long took = millisSince(connected);
        assertTrue(took >= 400 && took < 3000, "closed after " + took + " ms; the limit is 500 ms");
    }

    @Test
    @Order(2)
    void theSocketClosesWhenTheSessionExpiresEvenWithoutAnotherMessage() {
        String session = Api.login(Simulator.demoKey());
        LiveClient client = connect();
        Instant expiresAt = Instant.parse(client.authenticate(session).path("expiresAt").asText());

        JsonNode error = client.next();
        LiveClient.Closed closed = client.awaitClose();

        assertEquals("SESSION_EXPIRED", error.path("code").asText());
        assertTrue(!Instant.now().isBefore(expiresAt.minusMillis(100)), "closed at expiry, not before");
        assertEquals((short) 1008, closed.code());
        assertTrue(closed.reason().startsWith("SESSION_EXPIRED: "), closed.reason());
    }

    @Test
    @Order(3)
    void anAskBeyondTheStreamLimitIsRefusedWithTooManyStreams() {
        // Logged in before connecting: the socket has only 0.5 s to authenticate.
        String session = Api.login(Simulator.demoKey());
        List<String> handbook = List.of(Simulator.datasetContaining("handbook"));
        LiveClient client = connect();
        client.authenticate(session);
        client.ask("first", handbook, QUESTION);
        client.await(m -> m.path("type").asText().equals("delta"), "the first answer streaming");

        client.ask("second", handbook, QUESTION);

        JsonNode refused = client.awaitEnd("second").get(0);
        assertEquals("error", refused.path("type").asText());
        assertEquals("TOO_MANY_STREAMS", refused.path("code").asText());
        assertEquals("5", refused.path("retryAfter").asText());
        client.cancel("first");
        List<JsonNode> first = client.awaitEnd("first");
        assertEquals("cancelled", first.get(first.size() - 1).path("type").asText(), "the first ask was unaffected");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void shutdownEndsRunningAsksWithShuttingDownThenClosesEverySocketAsGoingAway() {
        // Logged in before connecting: the socket has only 0.5 s to authenticate.
        String session = Api.login(Simulator.demoKey());
        List<String> handbook = List.of(Simulator.datasetContaining("handbook"));
        LiveClient client = connect();
        client.authenticate(session);
        client.ask("running", handbook, QUESTION);
        client.await(m -> m.path("type").asText().equals("delta"), "the answer streaming");

        shutdown.fire(new ShutdownDelayInitiatedEvent());

        List<JsonNode> running = client.awaitEnd("running");
        JsonNode ended = running.get(running.size() - 1);
        assertEquals("error", ended.path("type").asText());
        assertEquals("SHUTTING_DOWN", ended.path("code").asText());
        LiveClient.Closed closed = client.awaitClose();
        assertEquals(Short.valueOf((short) CloseReasons.GOING_AWAY), closed.code(), closed.toString());
        assertEquals("SHUTTING_DOWN: The service is shutting down; try again", closed.reason());
        assertEquals(ended, client.all().get(client.all().size() - 1), "nothing follows the ask's error");

        // A socket opened while the shutdown delay still lets requests in goes the same way.
        LiveClient late = connect();
        assertEquals(Short.valueOf((short) CloseReasons.GOING_AWAY), late.awaitClose().code());
    }
}
