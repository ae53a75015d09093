package io.gaia.bff.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaiaResponseExceptionMapperTest {

    @Test
    void messageIsPreferred() {
        assertEquals("Dataset x not found",
                GaiaResponseExceptionMapper.messageOf(404, "{\"message\":\"Dataset x not found\",\"errorCode\":\"kNotFound\"}"));
    }

    @Test
    void errorMessageIsTheFallback() {
        assertEquals("boom", GaiaResponseExceptionMapper.messageOf(500, "{\"errorMessage\":\"boom\"}"));
    }

    @Test
    void errorCodeIsTheLastJsonFallback() {
        assertEquals("KStatusUnauthorized", GaiaResponseExceptionMapper.messageOf(401, "{\"errorCode\":\"KStatusUnauthorized\"}"));
    }

    @Test
    void nonJsonBodyIsNotEchoed() {
        assertEquals("HTTP 502", GaiaResponseExceptionMapper.messageOf(502, "<html><body>Bad gateway</body></html>"));
    }

    @Test
    void emptyBodyGivesTheStatus() {
        assertEquals("HTTP 503", GaiaResponseExceptionMapper.messageOf(503, ""));
    }
}
