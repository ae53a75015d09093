package io.gaia.bff.simulator.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.gaia.bff.simulator.corpus.Passage;

/**
 * Okapi BM25 over the corpus' passages, with the document title treated as its own field.
 *
 * <p>Every paragraph of "Postmortem: March 12 Orders Database Outage" is about that outage, so a
 * title term says which document to look in but not which paragraph: it earns a fixed bonus, and
 * its occurrences in the body count for little. The other terms of the question ("caused") pick the
 * paragraph. A section heading counts three times, since it says what the paragraph is about, and the
 * first paragraph of a section gets a small edge, since it usually sums the section up.
 */
public final class PassageIndex {

    private static final double K1 = 1.2;
    /** Milder length normalisation than the usual 0.75: short paragraphs are not better answers. */
    private static final double B = 0.5;
    private static final double TITLE_BONUS = 1.0;
    static final double TITLE_DISCOUNT = 0.35;
    private static final int HEADING_WEIGHT = 3;
    private static final double LEAD_BONUS = 1.1;

    private final Tokenizer tokenizer;
    private final List<Passage> passages;
    private final List<Fields> fields = new ArrayList<>();
    private final double averageLength;
    private final Map<String, Integer> documentFrequency = new HashMap<>();

    private record Fields(Set<String> title, Set<String> heading, Map<String, Integer> counts, int length,
            boolean leadsSection) {
    }

    public PassageIndex(List<Passage> passages, Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.passages = List.copyOf(passages);
        long total = 0;
        Passage previous = null;
        for (Passage passage : this.passages) {
            List<String> body = new ArrayList<>();
            for (int i = 0; i < HEADING_WEIGHT; i++) {
                body.addAll(tokenizer.terms(passage.heading()));
            }
            body.addAll(tokenizer.terms(passage.text()));
            Map<String, Integer> counts = new HashMap<>();
            body.forEach(t -> counts.merge(t, 1, Integer::sum));
            counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            fields.add(new Fields(new HashSet<>(tokenizer.terms(passage.document().title())),
                    new HashSet<>(tokenizer.terms(passage.heading())), counts, body.size(),
                    !passage.heading().isEmpty() && (previous == null || previous.document() != passage.document()
                            || !previous.heading().equals(passage.heading()))));
            total += body.size();
            previous = passage;
        }
        this.averageLength = passages.isEmpty() ? 1 : (double) total / passages.size();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Rarer terms weigh more; a term found in no paragraph gets the highest weight, so it counts against coverage. */
    public double idf(String term) {
        int n = documentFrequency.getOrDefault(term, 0);
        return Math.log(1 + (passages.size() - n + 0.5) / (n + 0.5));
    }

    public boolean isKnown(String term) {
        return documentFrequency.containsKey(term);
    }

    public boolean inTitle(Passage passage, String term) {
        return fields.get(passage.index()).title().contains(term);
    }

    public boolean inHeading(Passage passage, String term) {
        return fields.get(passage.index()).heading().contains(term);
    }

    /**
     * Passages in scope that contain at least {@code minCoverage} of the query's weight, best first
     * (ties: corpus order).
     */
    public List<ScoredPassage> search(Query query, Predicate<Passage> scope, double minCoverage, int limit) {
        double best = 0;
        double totalWeight = 0;
        for (Map.Entry<String, Double> e : query.weights().entrySet()) {
            double idf = idf(e.getKey());
            best += e.getValue() * idf * (K1 + 1);
            totalWeight += e.getValue() * idf;
        }
        List<ScoredPassage> hits = new ArrayList<>();
        for (Passage passage : passages) {
            if (!scope.test(passage)) {
                continue;
            }
            Fields f = fields.get(passage.index());
            double lengthNorm = K1 * (1 - B + B * f.length() / averageLength);
            double score = 0;
            double matchedWeight = 0;
            for (Map.Entry<String, Double> e : query.weights().entrySet()) {
                String term = e.getKey();
                int tf = f.counts().getOrDefault(term, 0);
                boolean titled = f.title().contains(term);
                if (tf == 0 && !titled) {
                    continue;
                }
                double body = tf * (K1 + 1) / (tf + lengthNorm);
                double weight = e.getValue() * idf(term);
                score += weight * (titled ? TITLE_BONUS + TITLE_DISCOUNT * body : body);
                matchedWeight += weight;
            }
            if (score > 0 && matchedWeight / totalWeight >= minCoverage) {
                score *= f.leadsSection() ? LEAD_BONUS : 1;
                hits.add(new ScoredPassage(passage, score, Math.min(1, score / best), matchedWeight / totalWeight));
            }
        }
        hits.sort(Comparator.comparingDouble(ScoredPassage::score).reversed()
                .thenComparingInt(h -> h.passage().index()));
        return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
    }
}
