package io.gaia.bff.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.simulator.api.AskResponse;
import io.gaia.bff.simulator.api.StreamEvents;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Turns an answer into the exact bytes of Gaia's event stream: one {@code data:} event per word,
 * paced like an LLM, then a closing event carrying the ids and documents.
 *
 * <p>The closing event ends with a single {@code \n} and no blank line before the connection closes.
 * Real Gaia clusters do this, and an SSE client that only dispatches an event on a blank line loses
 * the documents; the simulator reproduces it so the service's own tests cover it.
 */
@ApplicationScoped
@IfBuildProperty(name = "gaia-simulator.enabled", stringValue = "true")
public class AnswerStreamer {

    private static final Logger LOG = Logger.getLogger(AnswerStreamer.class);
    /** A word with the whitespace before it, so that the increments concatenate to the full answer. */
    private static final Pattern WORD = Pattern.compile("\\s*\\S+");

    private final ObjectMapper mapper;
    private final Duration delay;

    public AnswerStreamer(ObjectMapper mapper, SimulatorConfig config) {
        this.mapper = mapper;
        this.delay = config.streamDelay();
    }

    public Multi<byte[]> stream(AskResponse answer) {
        List<byte[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(answer.responseString());
        while (m.find()) {
            words.add(event(new StreamEvents.Delta(m.group())));
        }
        byte[] closing = lastEvent(new StreamEvents.Final(answer.queryUid(), answer.conversationId(),
                answer.conversationName(), answer.documents(), answer.finishReason()));

        Multi<byte[]> paced = Multi.createFrom().iterable(words);
        if (!delay.isZero() && !delay.isNegative()) {
            // The pause happens between items the server has asked for, so a cancelled subscription
            // (the client went away) stops the stream at the next word.
            paced = paced.onItem().call(word -> Uni.createFrom().voidItem().onItem().delayIt().by(delay));
        }
        return Multi.createBy().concatenating().streams(paced, Multi.createFrom().item(closing))
                .onCancellation().invoke(() -> LOG.debugf("Client left stream %s early; stopped", answer.queryUid()));
    }

    private byte[] event(Object payload) {
        return ("data: " + json(payload) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] lastEvent(Object payload) {
        return ("data: " + json(payload) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private String json(Object payload) {
        try {
            // Jackson's default output has no raw newlines, which keeps each event on one data: line.
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a stream event", e);
        }
    }
}
