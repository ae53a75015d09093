package io.gaia.bff.live;

import io.gaia.bff.problem.ApiException;

/**
 * A client message that cannot be acted on, with the problem to answer and the message's id if one
 * could be read (so the client can tell which of its messages it was).
 */
final class RejectedMessage extends RuntimeException {

    private final String id;
    private final ApiException problem;

    RejectedMessage(String id, ApiException problem) {
        super(problem.getMessage(), null, false, false);
        this.id = id;
        this.problem = problem;
    }

    String id() {
        return id;
    }

    ApiException problem() {
        return problem;
    }
}
