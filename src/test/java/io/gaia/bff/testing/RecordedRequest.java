package io.gaia.bff.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as FakeGaia received it.
 *
 * @param method    HTTP method, upper case
 * @param path      percent-decoded path relative to {@link FakeGaia#BASE_PATH} (e.g. {@code /datasets});
 *                  the full path if the request was outside the base path
 * @param rawTarget the request target exactly as sent on the wire, including base path and query
 * @param query     decoded query parameters, in order
 * @param headers   request headers; lookups ignore case
 * @param body      body decoded as UTF-8 ("" when none)
 */
public record RecordedRequest(String method, String path, String rawTarget, Map<String, List<String>> query,
        Map<String, List<String>> headers, String body, Instant receivedAt) {

    /** First value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** First value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
