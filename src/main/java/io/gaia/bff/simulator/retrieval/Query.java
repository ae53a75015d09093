package io.gaia.bff.simulator.retrieval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search terms with weights: 1 for the question being asked, less for terms carried over from
 * earlier turns of a conversation. Insertion-ordered so that scoring is reproducible.
 */
public record Query(Map<String, Double> weights) {

    public Query {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    public static Query of(List<String> terms) {
        Map<String, Double> weights = new LinkedHashMap<>();
        terms.forEach(t -> weights.put(t, 1.0));
        return new Query(weights);
    }

    public static Query empty() {
        return new Query(Map.of());
    }

    public boolean isEmpty() {
        return weights.isEmpty();
    }

    /** This query plus {@code context} scaled by {@code factor}; a term in both keeps its larger weight. */
    public Query with(Query context, double factor) {
        Map<String, Double> merged = new LinkedHashMap<>(weights);
        context.weights.forEach((term, w) -> merged.merge(term, w * factor, Math::max));
        return new Query(merged);
    }

    public double weight(String term) {
        return weights.getOrDefault(term, 0.0);
    }
}
