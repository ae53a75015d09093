package io.gaia.bff.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.LiveClient;
import io.gaia.bff.support.RedisStoreProfile;
import io.gaia.bff.support.StreamClient;
import io.gaia.bff.support.StreamClient.Frame;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.RedisServerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With sessions in Redis, a session that another replica ends (its logout, an operator's revocation
 * there) is gone from the store but unknown to this replica's streams. They end within a check
 * interval (session.ended-elsewhere-check, 1 s here; 15 s by default), as they would have on that
 * replica. Runs the single-replica cases of the parent class on Redis too.
 */
@QuarkusTest
@TestProfile(SessionEndedOnAnotherReplicaStopsItsStreamsTest.Profile.class)
class SessionEndedOnAnotherReplicaStopsItsStreamsTest extends EndedSessionStopsItsStreamsTest {

    public static class Profile extends EndedSessionStopsItsStreamsTest.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.putAll(new RedisStoreProfile().getConfigOverrides());
            config.put("session.ended-elsewhere-check", "1s");
            config.put("stream.max-duration", "20");
            config.put("stream.idle-timeout", "5");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
            resources.add(new TestResourceEntry(RedisServerResource.class));
            return resources;
        }
    }

    @Inject
    SessionStore store;

    /** What another replica's logout leaves in Redis: the session is simply gone. */
    private void anotherReplicaLogsOut(String sessionId) {
        assertTrue(store.delete(sessionId).await().atMost(Duration.ofSeconds(2)), "the session was in Redis");
    }

    @Test
    void aStreamOfASessionEndedElsewhereEndsWithinACheckAndOthersGoOn() throws Exception {
        gaiaAnswersSlowly(2, 15); // 4.5 s
        String other = Api.login(FakeGaia.GOOD_API_KEY);
        StreamClient mine = streamUntilTheFirstWord(session);
        StreamClient theirs = streamUntilTheFirstWord(other);

        long loggedOut = System.nanoTime();
        anotherReplicaLogsOut(session);

        assertEndsWithSessionInvalid(mine, loggedOut, 3000);
        List<Frame> theirRest = StreamClient.events(theirs.readToEnd());
        assertEquals("done", theirRest.get(theirRest.size() - 1).type(), "a session still in Redis goes on: " + theirRest);
    }

    @Test
    void aWebSocketOfASessionEndedElsewhereClosesWithAnErrorForItsRunningAsk() {
        gaiaAnswersSlowly(1, 15);
        LiveClient client = LiveClient.connect(vertx, endpoint);
        clients.add(client);
        client.authenticate(session);
        client.ask("q1", List.of("handbook"), "q");
        client.await(m -> "delta".equals(m.path("type").asText()), "the first word");

        anotherReplicaLogsOut(session);

        List<JsonNode> q1 = client.awaitEnd("q1");
        JsonNode end = q1.get(q1.size() - 1);
        assertEquals("error", end.path("type").asText(), "q1 ended with an error, not done: " + q1);
        assertEquals("SESSION_INVALID", end.path("code").asText());
        assertTrue(end.path("detail").asText().contains("another instance"), end.toString());
        assertEquals((short) 1008, client.awaitClose().code());
    }
}
