package io.gaia.bff.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.Api;
import io.gaia.bff.support.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Without ADMIN_TOKEN the operator endpoint does not exist: it answers as any unknown route does. */
@QuarkusTest
class AdminEndpointOffTest {

    @Test
    void operatorRoutesAre404LikeAnyUnknownRoute() {
        String session = Api.login(Simulator.demoKey());
        String unknown = given().delete("/no/such/route").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"))
                .extract().asString();
        for (String method : new String[] { "DELETE", "GET", "POST", "PUT" }) {
            for (String path : new String[] { "/admin/sessions", "/admin/sessions?key=0123456789abcdef01234567", "/admin",
                    "/admin/other" }) {
                for (RequestSpecification request : new RequestSpecification[] { given(),
                        given().header("Authorization", "Bearer some-guess-at-the-token") }) {
                    String plainPath = path.replaceFirst("\\?.*", "");
                    String body = request.request(method, path).then().statusCode(404)
                            .contentType("application/problem+json")
                            .body("code", equalTo("NOT_FOUND"))
                            .body("detail", equalTo("No such resource: " + plainPath))
                            .body("instance", equalTo(plainPath))
                            .header("WWW-Authenticate", (String) null)
                            .extract().asString();
                    // Byte for byte the unknown route's answer, but for the path it names.
                    org.junit.jupiter.api.Assertions.assertEquals(unknown.replace("/no/such/route", plainPath), body);
                }
            }
        }
        Api.as(session).get("/api/v1/session").then().statusCode(200);
    }

    @Test
    void operatorEndpointIsNotInThePublicApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(not(containsString("/admin")))
                .body(not(containsString("ADMIN_TOKEN")));
    }
}
