package io.gaia.bff.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error body in RFC 9457 form (application/problem+json). {@code detail} is the human sentence the
 * seed's clients show; {@code code} is stable for programs to branch on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(required = true, description = "Problem type URI", example = "about:blank") String type,
        @Schema(required = true, description = "Short summary of the status", example = "Unauthorized") String title,
        @Schema(required = true, description = "HTTP status", example = "401") int status,
        @Schema(required = true, description = "What went wrong, for people", example = "The session has expired; log in again") String detail,
        @Schema(required = true, ref = "ErrorCode") String code,
        @Schema(required = true, description = "The request path") String instance,
        @Schema(description = "Per-field problems, for validation failures") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(
            @Schema(required = true, example = "queryString", description = "The field's path in the body "
                    + "(datasetNames[2]) or the parameter's name (prefix); empty when the body as a whole was wrong")
            String field,
            @Schema(required = true, description = "What is wrong with it", example = "must not be blank") String message) {
    }
}
