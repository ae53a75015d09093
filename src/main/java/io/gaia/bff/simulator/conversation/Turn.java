package io.gaia.bff.simulator.conversation;

import java.util.List;

import io.gaia.bff.simulator.retrieval.Query;

/**
 * One answered question.
 *
 * @param query the terms actually searched, context included, so context carries over several turns
 * @param documentIds the cited documents in the order the answer names them, for "the second one"
 */
public record Turn(String question, Query query, List<String> documentIds) {
}
