package io.gaia.bff.simulator.retrieval;

import java.util.List;
import java.util.function.Predicate;

import io.gaia.bff.simulator.corpus.Passage;

/** Retrieval plus composition: what stands in for Gaia's vector search and LLM. */
public final class QuestionAnswerer {

    /** At most this many passages are considered for one answer. */
    static final int CANDIDATES = 3;
    /**
     * A passage must contain at least this share of the question's (idf-weighted) terms. Below it the
     * overlap is incidental ("weather today" matching a paragraph that says "today"), and if no
     * passage passes, the honest answer is that the documents do not say.
     */
    static final double MIN_COVERAGE = 0.4;

    private final PassageIndex index;
    private final AnswerComposer composer;

    public QuestionAnswerer(PassageIndex index) {
        this.index = index;
        this.composer = new AnswerComposer(index);
    }

    public List<ScoredPassage> retrieve(Query query, Predicate<Passage> scope) {
        if (query.isEmpty()) {
            return List.of();
        }
        return index.search(query, scope, MIN_COVERAGE, CANDIDATES);
    }

    /** @param scopeDescription names what was searched, for the "nothing found" answer */
    public Answer answer(Query query, Predicate<Passage> scope, String scopeDescription) {
        List<ScoredPassage> ranked = retrieve(query, scope);
        if (ranked.isEmpty()) {
            return new Answer("I could not find anything about that in " + scopeDescription
                    + ". Try rephrasing the question, or ask about a topic those documents cover.", List.of());
        }
        return composer.compose(query, ranked);
    }
}
