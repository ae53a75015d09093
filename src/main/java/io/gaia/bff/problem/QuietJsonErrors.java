package io.gaia.bff.problem;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Jackson quotes the offending token and input in its parse errors, and frameworks log those errors
 * (Quarkus at TRACE and DEBUG). In a malformed login body that token is the user's API key. With
 * nothing quoted, no log level can leak it; clients still learn the line and column from us.
 */
@Singleton
public class QuietJsonErrors implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setErrorReportConfiguration(ErrorReportConfiguration.builder()
                .maxErrorTokenLength(0)
                .maxRawContentLength(0)
                .build());
    }
}
