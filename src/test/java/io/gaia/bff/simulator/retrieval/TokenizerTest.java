package io.gaia.bff.simulator.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final Tokenizer tokenizer = new Tokenizer();

    @Test
    void formsOfAWordShareOneTerm() {
        assertEquals(tokenizer.terms("expense"), tokenizer.terms("expenses"));
        assertEquals(tokenizer.terms("expense"), tokenizer.terms("expensed"));
        assertEquals(tokenizer.terms("cause"), tokenizer.terms("caused"));
        assertEquals(tokenizer.terms("travel"), tokenizer.terms("travelling"));
        assertEquals(tokenizer.terms("policy"), tokenizer.terms("policies"));
    }

    @Test
    void stopWordsAreDroppedAndVersionNumbersKeptWhole() {
        assertEquals(List.of("chang", "releas", "2.4"), tokenizer.terms("What changed in release 2.4?"));
    }
}
