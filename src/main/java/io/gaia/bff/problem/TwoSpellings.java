package io.gaia.bff.problem;

import java.util.List;
import java.util.Map;

/**
 * A body field accepted under two names. The seed's clients spell a field one way and our own answers
 * (or another client) the other, and an app that sends back what it was given must not have it
 * silently ignored. Records keep the two as separate properties rather than a Jackson alias: with an
 * alias, a body carrying both fails inside Jackson's record support, and the client got a 500.
 */
public final class TwoSpellings {

    private TwoSpellings() {
    }

    /**
     * The value sent under either name, or null. A body that carries both is refused with a 400 that
     * names them, {@code what} saying what the field is ("the key").
     */
    public static String either(String what, String name, String value, String otherName, String otherValue) {
        if (value != null && otherValue != null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, 400,
                    "Send " + what + " as " + name + " or as " + otherName + ", not both", Map.of(),
                    List.of(new Problem.FieldError(name, "must not be sent together with " + otherName)));
        }
        return value != null ? value : otherValue;
    }
}
