package io.gaia.bff.ask;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import io.gaia.bff.abuse.CountsAsAsk;
import io.gaia.bff.docs.ApiDocumentation;
import io.gaia.bff.gaia.GaiaService;
import io.gaia.bff.observability.RequestTracking;
import io.gaia.bff.session.CurrentSession;
import io.gaia.bff.session.SessionRequired;
import io.quarkus.vertx.http.Uncompressed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/ask")
@Tag(name = "Ask", description = "Questions answered by Gaia from the named datasets, with cited documents")
@Consumes(MediaType.APPLICATION_JSON)
@SessionRequired
@CountsAsAsk
@SecurityRequirement(name = ApiDocumentation.SESSION)
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "409", ref = "GaiaRejected")
@APIResponse(responseCode = "413", ref = "PayloadTooLarge")
@APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
@APIResponse(responseCode = "422", ref = "GaiaRejected")
@APIResponse(responseCode = "429", ref = "RateLimited")
@APIResponse(responseCode = "502", ref = "GaiaFailed")
@APIResponse(responseCode = "503", ref = "Unavailable")
@APIResponse(responseCode = "504", ref = "GaiaTimeout")
public class AskResource {

    private static final String STREAM_PATH = "/api/v1/ask/stream";

    private final GaiaService gaia;
    private final AskStreamer streamer;
    private final CurrentSession current;

    public AskResource(GaiaService gaia, AskStreamer streamer, CurrentSession current) {
        this.gaia = gaia;
        this.streamer = streamer;
        this.current = current;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ask", summary = "Ask a question", description = "Gaia's answer with its cited documents. Never cached.")
    @APIResponse(responseCode = "200", description = "The answer")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public Uni<AskResponse> ask(@Valid @NotNull(message = "a JSON body is required") AskRequest body) {
        return gaia.ask(current.get().apiKey(), body.toGaia()).map(AskResponse::fromGaia);
    }

    @POST
    @Path("/stream")
    @Uncompressed
    @Operation(operationId = "askStream", summary = "Ask a question, streaming the answer",
            description = "Server-Sent Events. The stream opens with the comment `: stream open` as soon as Gaia "
                    + "accepts the question, and a `: keep-alive` comment follows every STREAM_HEARTBEAT_SECONDS "
                    + "of quiet. Each of Gaia's events is re-emitted as it arrives, its event name and data "
                    + "unchanged, numbered by `id:` from 1: `data: {\"responseString\": \"<new text>\"}` per "
                    + "increment (live tenants wrap it as `{\"data\": {...}}`), then Gaia's final event with "
                    + "queryUid, conversationId and documents (each event's data a GaiaStreamEvent). The stream "
                    + "always ends with one of two events: `event: done` with `{\"queryUid\", \"conversationId\"}` "
                    + "(StreamDone) when the answer is complete, or "
                    + "`event: error` whose data is a Problem (Gaia failed or cut the connection, "
                    + "GAIA_TIMEOUT when Gaia stays silent for STREAM_IDLE_TIMEOUT_SECONDS or the answer runs "
                    + "past STREAM_MAX_DURATION_SECONDS, SHUTTING_DOWN when the service stops). Failures before "
                    + "Gaia accepts are ordinary HTTP errors, including 503 TOO_MANY_STREAMS with Retry-After "
                    + "when the instance is at STREAM_MAX_CONCURRENT. Read it with fetch() and a ReadableStream "
                    + "(EventSource cannot POST); aborting the fetch cancels the call to Gaia.")
    @APIResponse(responseCode = "200", description = "The answer as an event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    public RestMulti<byte[]> stream(@Valid @NotNull(message = "a JSON body is required") AskRequest body) {
        // Written as plain chunks rather than through the SSE writer: that one commits a 200 before the
        // first event, and a failure before Gaia accepts the question must still be an ordinary HTTP
        // error. @Uncompressed: gzip would hold events back until a compression block fills.
        Multi<byte[]> frames = streamer.stream(current.get(), body, STREAM_PATH)
                // RESTEasy cancels when the browser has gone; Vert.x may then report no end (RequestTracking).
                .onCancellation().invoke(RequestTracking.onAbandoned());
        return RestMulti.fromMultiData(frames)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.SERVER_SENT_EVENTS)
                // An answer is the user's data: no cache, shared or private, may keep a copy. no-transform:
                // dev servers' proxies (webpack-dev-server, so Create React App; Next.js) gzip what they
                // relay unless told not to, and a gzipped stream reached the page in one burst at its end.
                .header(HttpHeaders.CACHE_CONTROL, "no-store, no-transform")
                // Proxies (nginx) buffer responses unless told not to; a buffered stream is no stream.
                .header("X-Accel-Buffering", "no")
                .encodeAsJsonArray(true)
                .build();
    }
}
