package io.gaia.bff.abuse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** POSTs take JSON only: a cross-site form can send the form types without a CORS preflight. */
@QuarkusTest
class JsonOnlyPostsTest {

    private static final List<String> POST_ROUTES = List.of("/api/v1/login", "/api/v1/logout", "/api/v1/ask", "/api/v1/ask/stream");

    @TestHTTPResource("/")
    URL root;

    String session;

    @BeforeEach
    void login() {
        session = Api.login(Simulator.demoKey());
    }

    private static void assertUnsupported(Response response) {
        response.then().statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain" })
    void formTypedPostsAre415OnEveryPostRoute(String formType) throws Exception {
        String body = formType.startsWith("multipart")
                ? "--x\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\n" + Simulator.demoKey() + "\r\n--x--\r\n"
                : "{\"api_key\":\"" + Simulator.demoKey() + "\"}";
        for (String route : POST_ROUTES) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(root.toURI().resolve(route))
                    .header("X-Session-ID", session).header("Content-Type", formType)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(415, response.statusCode(), route + ": " + response.body());
            assertTrue(response.body().contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\""), response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        }
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void anEmptyFormPostCannotLogOut() {
        // What <form method=post action=".../logout"> sends: no fields, still a form.
        assertUnsupported(Api.as(session).contentType(ContentType.URLENC).post("/api/v1/logout"));
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void aBodylessLogoutWithoutContentTypeIsAccepted() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(root.toURI().resolve("/api/v1/logout"))
                .header("X-Session-ID", session).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, response.statusCode(), response.body());
        Api.as(session).get("/api/v1/session").then().statusCode(401);
    }

    @Test
    void aBodyWithoutContentTypeIs415() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(root.toURI().resolve("/api/v1/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\":\"" + Simulator.demoKey() + "\"}")));
        assertEquals(415, response.statusCode(), response.body());
    }

    @Test
    void aWildcardIsNoMediaType() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(root.toURI().resolve("/api/v1/login"))
                .header("Content-Type", "*/*")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\":\"" + Simulator.demoKey() + "\"}")));
        assertEquals(415, response.statusCode(), response.body());
    }

    @Test
    void jsonWithACharsetIsAccepted() {
        given().contentType("application/json; charset=UTF-8").body("{\"api_key\":\"" + Simulator.demoKey() + "\"}")
                .post("/api/v1/login").then().statusCode(200);
        Api.logout(session).then().statusCode(204);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        // java.net.http sends no Content-Type unless told to (REST Assured always sends one).
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
