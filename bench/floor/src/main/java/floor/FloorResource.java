package floor;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * The service's three measured routes with nothing around the call to Gaia: the key is a constant, the
 * dataset list is fetched once and then served from memory (as the service serves it from its cache),
 * and Gaia's answer goes back as it came.
 */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FloorResource {

    private static final String KEY = "bench-key";

    private final GaiaClient gaia;
    private final HttpClient vertxClient;
    private final RequestOptions askRequest;
    private volatile JsonNode datasets;

    public FloorResource(@RestClient GaiaClient gaia, Vertx vertx, @ConfigProperty(name = "gaia.base-url") URI base) {
        this.gaia = gaia;
        this.vertxClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(500));
        this.askRequest = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(base.getPort())
                .setURI(base.getPath() + "/ask").addHeader("apiKey", KEY).addHeader("Content-Type", MediaType.APPLICATION_JSON);
    }

    @GET
    @Path("/datasets")
    public Uni<JsonNode> datasets() {
        JsonNode known = datasets;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return gaia.listDatasets(KEY).invoke(list -> datasets = list);
    }

    /** The owner's shape at its thinnest: the declarative REST client, JSON in and out. */
    @POST
    @Path("/ask")
    public Uni<JsonNode> ask(JsonNode question) {
        return gaia.ask(KEY, question);
    }

    /** The same call without the REST client: Vert.x's HTTP client relaying bytes (the service's streams use it). */
    @POST
    @Path("/ask/vertx")
    public Uni<byte[]> askThroughVertx(byte[] question) {
        return vertxClient.request(askRequest)
                .flatMap(request -> request.send(Buffer.buffer(question)))
                .flatMap(HttpClientResponse::body)
                .map(Buffer::getBytes);
    }
}
