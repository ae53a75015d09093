package io.gaia.bff.gaia;

import io.gaia.bff.gaia.GaiaException.Kind;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;

/**
 * The most of one of Gaia's answers this service holds in memory at once. Nothing else bounds it: Gaia (or
 * whatever answers at GAIA_BASE_URL) could send gigabytes, and the REST client aggregates a JSON body
 * whole before Jackson reads it, so one huge answer used to exhaust the heap and stall every other
 * user's requests. Past a limit the call fails as an unreadable answer (GAIA_BAD_RESPONSE) and its
 * connection to Gaia is closed, so the rest is never read. These bound one answer; {@link AnswerMemory}
 * bounds all of them together.
 */
public final class GaiaLimits {

    /**
     * One Server-Sent Event (any one line, and the data of one event): 4 MiB. Gaia's events are a
     * few words each, except the final one, which carries the cited documents and their snippets:
     * tens of KB in practice. 4 MiB is twice the largest legitimate single event we design for (2 MB),
     * and bounds each of STREAM_MAX_CONCURRENT streams.
     */
    public static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

    /**
     * The body of one JSON call (dataset list, dataset details, ask, the login key check): 8 MiB.
     * The largest is a dataset list, 1 to 2 KB per dataset, so several thousand datasets fit; an
     * answer with its documents is the size of a final stream event.
     */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private GaiaLimits() {
    }

    static GaiaException eventTooLarge() {
        return GaiaException.of(Kind.BAD_RESPONSE,
                "Gaia sent an event larger than the " + mib(MAX_EVENT_BYTES) + " limit", null);
    }

    static GaiaException bodyTooLarge() {
        return GaiaException.of(Kind.BAD_RESPONSE,
                "Gaia's answer was larger than the " + mib(MAX_BODY_BYTES) + " limit", null);
    }

    /**
     * Holds a REST client call's response body to {@link #MAX_BODY_BYTES}, and all of them together to
     * what {@link AnswerMemory} allows (a client request customizer, see {@link GaiaClientSettings}).
     * The REST client has no such setting and aggregates the body itself (ClientSendRequestHandler:
     * clientResponse.body()), too late for a filter or an interceptor; so this watches the response at
     * the Vert.x level, where it arrives: a declared Content-Length over either limit is refused before
     * a byte of the body is read, and a chunked body is counted and cut the moment it passes one.
     * Either way the request is reset, which on HTTP/1.1 closes the connection, and the REST client's
     * body fails with the reason as its cause. The body's claim on the memory ends with the body.
     */
    static void boundResponse(HttpClientRequest request, AnswerMemory memory) {
        request.response().onSuccess(response -> {
            // The REST client asks for the body right after this; asking first creates that same
            // aggregation now, so that a reset below fails it instead of leaving the call unanswered.
            response.body();
            long declared = declaredLength(response);
            if (declared > MAX_BODY_BYTES) {
                request.reset(0, bodyTooLarge());
                return;
            }
            AnswerMemory.Claim claim = memory.claim();
            response.end().onComplete(ended -> claim.release());
            if (declared > 0 && !claim.resize(declared)) {
                request.reset(0, AnswerMemory.full());
                return;
            }
            long[] received = { 0 };
            response.handler(chunk -> {
                received[0] += chunk.length();
                if (received[0] > MAX_BODY_BYTES) {
                    request.reset(0, bodyTooLarge());
                } else if (received[0] > declared && !claim.resize(received[0])) {
                    request.reset(0, AnswerMemory.full());
                }
            });
        });
    }

    private static long declaredLength(HttpClientResponse response) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Vert.x refuses a malformed length itself
        }
    }

    private static String mib(int bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }
}
