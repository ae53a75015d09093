package io.gaia.bff.ask;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.gaia.GaiaService;
import io.gaia.bff.gaia.SseParser;
import io.gaia.bff.problem.Problem;
import io.gaia.bff.problem.Problems;
import io.gaia.bff.session.Session;
import io.smallrye.mutiny.Multi;

/**
 * Relays Gaia's answer stream as server-sent event frames: each Gaia event goes out as soon as it is
 * parsed, with its event name and data unchanged and a sequence number as id. A failure after the
 * stream has started ends it with an "error" event whose data is the problem JSON; a failure before
 * the first event fails the Multi, which the caller answers as an ordinary HTTP error.
 */
@ApplicationScoped
public class AskStreamer {

    public static final String ERROR_EVENT = "error";
    private static final Logger LOG = Logger.getLogger(AskStreamer.class);

    private final GaiaService gaia;
    private final ObjectMapper json;

    public AskStreamer(GaiaService gaia, ObjectMapper json) {
        this.gaia = gaia;
        this.json = json;
    }

    public Multi<byte[]> stream(Session session, AskRequest request, String path) {
        return Multi.createFrom().deferred(() -> {
            SseParser parser = new SseParser();
            AtomicLong sequence = new AtomicLong();
            return gaia.askStream(session.apiKey(), request.toGaia())
                    .onItem().transformToIterable(parser::feed)
                    .onCompletion().continueWith(parser::finish)
                    .map(event -> SseFrames.event(sequence.incrementAndGet(), event.name(), event.data()))
                    .onFailure(failure -> sequence.get() > 0)
                    .recoverWithItem(failure -> errorFrame(failure, path, sequence.incrementAndGet()));
        });
    }

    private byte[] errorFrame(Throwable failure, String path, long id) {
        Problem problem = Problems.of(Problems.asApiException(failure), path);
        LOG.warnf("Answer stream ended by a failure: %s (%s)", problem.code(), problem.detail());
        String data;
        try {
            data = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            data = "{\"code\":\"" + problem.code() + "\"}";
        }
        return SseFrames.event(id, ERROR_EVENT, data);
    }
}
