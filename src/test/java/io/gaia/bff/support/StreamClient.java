package io.gaia.bff.support;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.client.SseEvent;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Multi;

/**
 * A real SSE client (the Quarkus REST client's) reading /api/v1/ask/stream the way a program would,
 * noting when each event arrived.
 */
public final class StreamClient {

    @Path("/api/v1/ask/stream")
    public interface Endpoint {
        @POST
        @Produces(MediaType.SERVER_SENT_EVENTS)
        @Consumes(MediaType.APPLICATION_JSON)
        Multi<SseEvent<String>> ask(@HeaderParam("X-Session-ID") String session, Map<String, Object> body);
    }

    public record Arrival(long nanos, String name, String id, String data) {
    }

    private StreamClient() {
    }

    public static Endpoint to(URL root) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(root.toString())).build(Endpoint.class);
    }

    public static List<Arrival> read(Endpoint endpoint, String session, Map<String, Object> body) {
        return endpoint.ask(session, body)
                .map(event -> new Arrival(System.nanoTime(), event.name(), event.id(), event.data()))
                .collect().asList()
                .await().atMost(java.time.Duration.ofSeconds(30));
    }
}
