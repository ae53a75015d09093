package io.gaia.bff.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure this service decided on, answered as a problem body. Its message is shown to the
 * client, so it must never hold a key or a session id.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final int status;
    private final Map<String, String> headers;
    private final List<Problem.FieldError> errors;

    public ApiException(ErrorCode code, String detail) {
        this(code, code.status(), detail, Map.of(), null);
    }

    public ApiException(ErrorCode code, int status, String detail, Map<String, String> headers,
            List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.status = status;
        this.headers = headers;
        this.errors = errors;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
