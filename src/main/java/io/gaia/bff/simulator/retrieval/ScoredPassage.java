package io.gaia.bff.simulator.retrieval;

import io.gaia.bff.simulator.corpus.Passage;

/**
 * @param score raw BM25 score, only comparable within one query
 * @param relevance the score over the best score any passage could get for this query, in 0..1
 * @param coverage share of the query's (idf-weighted) terms that the passage contains, in 0..1
 */
public record ScoredPassage(Passage passage, double score, double relevance, double coverage) {
}
