package io.gaia.bff.gaia;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.ClientLogger;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * The REST client's request/response logging (quarkus.rest-client.logging.scope=request-response),
 * minus the secrets. Quarkus's default logger prints every header, and the Gaia key travels in one;
 * Gaia's error bodies sometimes quote the request. Here the key and security-context headers are
 * blanked and the key is cut out of any body, so turning on TRACE to debug Gaia is always safe.
 */
@ApplicationScoped
public class RedactingClientLogger implements ClientLogger {

    private static final Logger LOG = Logger.getLogger("io.gaia.bff.gaia.traffic");
    private static final String REDACTED = "[redacted]";
    private static final Set<String> SECRET_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        SECRET_HEADERS.add(GaiaClient.API_KEY_HEADER);
        SECRET_HEADERS.add(SecurityContextHeader.HEADER);
        SECRET_HEADERS.add("Authorization");
    }

    private int bodySize;

    @Override
    public void setBodySize(int bodySize) {
        this.bodySize = bodySize;
    }

    @Override
    public void logRequest(HttpClientRequest request, Buffer body, boolean omitBody) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        String secret = request.headers().get(GaiaClient.API_KEY_HEADER);
        LOG.debugf("Gaia request: %s %s Headers[%s] Body[%s]", request.getMethod(), request.absoluteURI(),
                headers(request.headers()), omitBody ? "omitted" : body(body, secret));
    }

    @Override
    public void logResponse(HttpClientResponse response, boolean redirect) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        String secret = response.request().headers().get(GaiaClient.API_KEY_HEADER);
        response.bodyHandler(body -> LOG.debugf("Gaia %s: %s %s Status[%d] Headers[%s] Body[%s]",
                redirect ? "redirect" : "response", response.request().getMethod(), response.request().absoluteURI(),
                response.statusCode(), headers(response.headers(), secret), body(body, secret)));
    }

    private static String headers(MultiMap headers) {
        return headers(headers, null);
    }

    /** Gaia may quote the key in any header of its answer, not only the ones named for secrets. */
    private static String headers(MultiMap headers, String secret) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> header : headers) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(header.getKey()).append('=')
                    .append(SECRET_HEADERS.contains(header.getKey()) ? REDACTED : withoutSecret(header.getValue(), secret));
        }
        return text.toString();
    }

    private String body(Buffer body, String secret) {
        if (body == null || body.length() == 0) {
            return "";
        }
        String text = withoutSecret(body.toString(), secret);
        return bodySize > 0 && text.length() > bodySize ? text.substring(0, bodySize) + "…" : text;
    }

    /**
     * The text with the key cut out as it is and as Gaia's JSON writes it inside a string (a quote or
     * backslash escaped, and "/" perhaps as "\/"), which would not match the key as it is.
     */
    private static String withoutSecret(String text, String secret) {
        if (secret == null || secret.isEmpty() || text == null) {
            return text;
        }
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
        return text.replace(secret, REDACTED).replace(escaped, REDACTED).replace(escaped.replace("/", "\\/"), REDACTED);
    }
}
