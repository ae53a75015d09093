package io.gaia.bff.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gaia.bff.support.LogCapture;
import io.gaia.bff.testing.FakeGaia;
import io.gaia.bff.testing.FakeGaiaResource;
import io.gaia.bff.testing.InjectFakeGaia;
import io.gaia.bff.testing.SseScript;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * A streamed ask abandoned at an awkward moment (the browser left while the call to Gaia was still
 * connecting, or just as Gaia accepted) ends quietly: before, Vert.x reported the reset of a request
 * or response nobody listened to as an ERROR ("Stream reset: 0"), mostly without a request id, which
 * an operator could neither explain nor act on.
 */
@QuarkusTest
@TestProfile(AbandonedStreamCallTest.Logged.class)
class AbandonedStreamCallTest {

    private static final GaiaAskRequest QUESTION = new GaiaAskRequest(List.of("handbook"), "q", null, null, null);
    private static final int CALLS = 20;
    static final LogCapture LOG = LogCapture.named("abandoned-stream-call");

    public static class Logged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LOG.serviceConfig("INFO");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGaiaResource.class));
        }
    }

    @InjectFakeGaia
    FakeGaia gaia;

    @Inject
    GaiaStreamClient client;

    @BeforeEach
    void slowAnswer() {
        gaia.reset();
        gaia.on("POST", "/ask/stream").stream(SseScript.sse()
                .event("{\"responseString\":\"first \"}")
                .pause(Duration.ofSeconds(5))
                .event("{\"responseString\":\"late\"}")
                .thenEnd());
    }

    @Test
    void aCallAbandonedWhileConnectingEndsWithoutAnError() throws Exception {
        for (int i = 0; i < CALLS; i++) {
            Cancellable call = client.ask(FakeGaia.GOOD_API_KEY, QUESTION).subscribe().with(item -> { }, failure -> { });
            call.cancel(); // long before the connection to Gaia is open
        }
        awaitQuiet();
        assertNoErrorLogged();
    }

    @Test
    void aCallAbandonedAsGaiaAcceptsEndsWithoutAnErrorAndClosesTheConnection() throws Exception {
        for (int i = 0; i < CALLS; i++) {
            CountDownLatch accepted = new CountDownLatch(1);
            // Accepted comes first; taking only it cancels within its emission, as a browser's side may.
            client.ask(FakeGaia.GOOD_API_KEY, QUESTION).select().first()
                    .subscribe().with(item -> accepted.countDown(), failure -> { });
            assertTrue(accepted.await(5, TimeUnit.SECONDS), "Gaia accepted call " + i);
        }
        awaitQuiet();
        assertEquals(CALLS, gaia.clientClosedPaths().stream().filter("/ask/stream"::equals).count(),
                "every abandoned call's connection was closed");
        assertNoErrorLogged();
    }

    /** What Vert.x logs about an abandoned call, it logs within moments of the reset. */
    private void awaitQuiet() throws InterruptedException {
        Thread.sleep(1000);
    }

    private void assertNoErrorLogged() {
        List<LogCapture.Entry> errors = LOG.whileRunning().stream().filter(entry -> entry.level().equals("ERROR")).toList();
        assertTrue(errors.isEmpty(), LOG.read());
    }
}
