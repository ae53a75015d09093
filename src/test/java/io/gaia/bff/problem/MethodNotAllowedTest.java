package io.gaia.bff.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A 405 says which methods the path does take (RFC 9110 §15.5.6: it MUST carry Allow), per path
 * rather than per resource class, and the problem's detail names them too.
 */
@QuarkusTest
class MethodNotAllowedTest {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static Set<String> allowOf(Response response) {
        String allow = response.header("Allow");
        assertNotNull(allow, "405 without an Allow header");
        return Arrays.stream(allow.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    /** As JSON: REST Assured gives a bodyless POST a form type, which the API refuses with 415 first. */
    private static Response send(String method, String path) {
        return given().contentType(ContentType.JSON).request(method, path);
    }

    @Test
    void askNamesPostAsTheMethodItTakes() {
        Response response = send("DELETE", "/api/v1/ask");
        response.then().statusCode(405).contentType("application/problem+json")
                .body("code", equalTo("METHOD_NOT_ALLOWED"))
                .body("detail", endsWith("(allowed: POST, OPTIONS)"));
        assertEquals(Set.of("POST", "OPTIONS"), allowOf(response));
    }

    @Test
    void loginAllowsPostOnlyThoughItsResourceClassAlsoServesGetSession() {
        Response login = send("GET", "/api/v1/login");
        login.then().statusCode(405).body("detail", endsWith("(allowed: POST, OPTIONS)"));
        assertEquals(Set.of("POST", "OPTIONS"), allowOf(login));

        Response session = send("DELETE", "/api/v1/session");
        session.then().statusCode(405).body("detail", endsWith("(allowed: GET, HEAD, OPTIONS)"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), allowOf(session));
    }

    @Test
    void datasetsNameGetAndTheHeadItAlsoAnswers() {
        Response list = send("POST", "/api/v1/datasets");
        list.then().statusCode(405).contentType("application/problem+json")
                .body("code", equalTo("METHOD_NOT_ALLOWED"))
                .body("detail", endsWith("(allowed: GET, HEAD, OPTIONS)"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), allowOf(list));

        Response details = send("PUT", "/api/v1/datasets/some-name/details");
        details.then().statusCode(405);
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), allowOf(details));
    }

    /**
     * Guards against drift: on every documented API path, each method either is listed in Allow and
     * is not refused with 405, or is refused with 405 and not listed. New resource methods are
     * covered as soon as they appear in the OpenAPI document.
     */
    @Test
    void allowListsExactlyTheMethodsEachApiPathDoesNotRefuse() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().path("paths");
        List<String> api = paths.keySet().stream().filter(path -> path.startsWith("/api/v1/")).sorted().toList();
        assertFalse(api.isEmpty());
        for (String template : api) {
            String path = template.replaceAll("\\{[^}]+}", "some-name");
            Set<String> taken = new TreeSet<>();
            Set<Set<String>> advertised = new LinkedHashSet<>();
            for (String method : METHODS) {
                Response response = send(method, path);
                if (response.statusCode() == 405) {
                    advertised.add(allowOf(response));
                } else {
                    taken.add(method);
                }
            }
            assertFalse(advertised.isEmpty(), path + " takes every method");
            assertEquals(Set.of(taken), advertised, "Allow on " + path);
            for (String documented : paths.get(template).keySet()) {
                if (METHODS.contains(documented.toUpperCase())) {
                    assertTrue(taken.contains(documented.toUpperCase()), path + " refuses its documented " + documented);
                }
            }
        }
    }
}
