package io.gaia.bff.simulator;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.simulator.api.AskRequest;
import io.gaia.bff.simulator.api.AskResponse;
import io.gaia.bff.simulator.api.GaiaErrors;
import io.quarkus.arc.properties.IfBuildProperty;

@Path("/gaia-sim/ask")
@SimulatorApi
@IfBuildProperty(name = "gaia-simulator.enabled", stringValue = "true")
public class AskResource {

    private final AskService asker;
    private final AnswerStreamer streamer;
    private final ObjectMapper mapper;

    public AskResource(AskService asker, AnswerStreamer streamer, ObjectMapper mapper) {
        this.asker = asker;
        this.streamer = streamer;
        this.mapper = mapper;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public AskResponse ask(String body) {
        return asker.ask(parse(body));
    }

    /**
     * Deliberately no {@code @Produces}: with {@code text/event-stream} Quarkus REST would wrap every
     * item in its own SSE framing. A {@link RestMulti} without one is written byte for byte, each item
     * flushed as it comes, and its subscription is cancelled when the client disconnects. Errors are
     * thrown before the stream starts, so they reach the client as plain JSON responses, like Gaia's.
     */
    @POST
    @Path("/stream")
    public RestMulti<byte[]> stream(String body) {
        AskResponse answer = asker.ask(parse(body));
        return RestMulti.fromMultiData(streamer.stream(answer))
                .header("Content-Type", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .build();
    }

    // Parsed by hand so a malformed body gets Gaia's error shape from this resource alone, without
    // an application-wide exception mapper that would also change the service's own API.
    private AskRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw GaiaErrors.badRequest("A JSON request body is required");
        }
        try {
            AskRequest request = mapper.readValue(body, AskRequest.class);
            if (request == null) {
                throw GaiaErrors.badRequest("A JSON request body is required");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw GaiaErrors.badRequest("Malformed JSON request body: " + e.getOriginalMessage());
        }
    }
}
