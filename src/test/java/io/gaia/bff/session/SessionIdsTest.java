package io.gaia.bff.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdsTest {

    @Test
    void everyIssuedIdPassesTheShapeCheck() {
        for (int i = 0; i < 1000; i++) {
            String id = SessionIds.newId();
            assertTrue(SessionIds.isWellFormed(id), id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",      // 42 characters
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",    // 44
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",     // padding
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",     // base64, not base64url
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé",     // a letter, but not ASCII
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA１",    // a fullwidth digit
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n" })
    void anythingElseIsRefusedBeforeAnyLookup(String id) {
        assertFalse(SessionIds.isWellFormed(id));
    }

    @Test
    void noIdIsRefused() {
        assertFalse(SessionIds.isWellFormed(null));
    }
}
