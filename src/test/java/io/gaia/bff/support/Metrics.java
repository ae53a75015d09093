package io.gaia.bff.support;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one series from /q/metrics, as a dashboard would. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of the series with exactly these labels (as Prometheus prints them; "" for a series
     * without labels), 0 when it does not exist yet. NaN is read as NaN.
     */
    public static double value(String name, String labels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
