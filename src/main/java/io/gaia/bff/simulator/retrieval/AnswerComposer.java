package io.gaia.bff.simulator.retrieval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.gaia.bff.simulator.corpus.DemoDocument;
import io.gaia.bff.simulator.corpus.Passage;

/**
 * Writes a short extractive answer: the best sentences of the best passage, plus the best sentence
 * of any runner-up passage that is nearly as relevant, grouped by the document they come from.
 */
final class AnswerComposer {

    static final int MAX_SENTENCES = 5;
    private static final int MAX_FROM_TOP_PASSAGE = 3;
    /**
     * A runner-up passage must score at least this share of the best one to be quoted, and its
     * sentence this share of the best sentence, or it only shares a word with the question.
     */
    private static final double RUNNER_UP_RATIO = 0.55;

    private final PassageIndex index;

    AnswerComposer(PassageIndex index) {
        this.index = index;
    }

    Answer compose(Query query, List<ScoredPassage> ranked) {
        Map<ScoredPassage, List<String>> chosen = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int total = 0;
        Passage top = ranked.get(0).passage();
        double bar = RUNNER_UP_RATIO * Sentences.of(top.text()).stream()
                .mapToDouble(s -> score(query, top, s)).max().orElse(0);
        for (int i = 0; i < ranked.size() && total < MAX_SENTENCES; i++) {
            ScoredPassage hit = ranked.get(i);
            if (i > 0 && hit.score() < RUNNER_UP_RATIO * ranked.get(0).score()) {
                break;
            }
            List<String> picked = i == 0 ? pickFromTop(query, hit.passage()) : pickBest(query, hit.passage(), bar);
            picked.removeIf(s -> !seen.add(s));
            picked = picked.subList(0, Math.min(picked.size(), MAX_SENTENCES - total));
            if (!picked.isEmpty()) {
                chosen.put(hit, picked);
                total += picked.size();
            }
        }
        return write(chosen);
    }

    /**
     * When the section heading is what the question asks about ("Root cause", "Remediations"), the
     * section's opening sentences are the answer. Otherwise: up to three sentences carrying the
     * question's terms, in reading order, and never fewer than two if the passage has two.
     */
    private List<String> pickFromTop(Query query, Passage passage) {
        List<String> sentences = Sentences.of(passage.text());
        List<Integer> keep = new ArrayList<>();
        if (headingAnswers(query, passage)) {
            for (int i = 0; i < Math.min(MAX_FROM_TOP_PASSAGE, sentences.size()); i++) {
                keep.add(i);
            }
        } else {
            double[] scores = sentences.stream().mapToDouble(s -> score(query, passage, s)).toArray();
            double best = 0;
            for (double s : scores) {
                best = Math.max(best, s);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < sentences.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
            for (int i : order) {
                if (best > 0 && keep.size() < MAX_FROM_TOP_PASSAGE && scores[i] >= 0.34 * best) {
                    keep.add(i);
                }
            }
            if (keep.isEmpty()) {
                keep.add(0);
            }
            if (keep.size() == 1 && sentences.size() > 1) {
                int only = keep.get(0);
                keep.add(only + 1 < sentences.size() ? only + 1 : only - 1);
            }
        }
        return keep.stream().sorted().map(sentences::get).collect(Collectors.toCollection(ArrayList::new));
    }

    private boolean headingAnswers(Query query, Passage passage) {
        double asked = 0;
        double covered = 0;
        for (Map.Entry<String, Double> e : query.weights().entrySet()) {
            // Title terms are answered by the document as a whole, unknown terms by nothing at all.
            if (index.inTitle(passage, e.getKey()) || !index.isKnown(e.getKey())) {
                continue;
            }
            double weight = e.getValue() * index.idf(e.getKey());
            asked += weight;
            if (index.inHeading(passage, e.getKey())) {
                covered += weight;
            }
        }
        return asked > 0 && covered >= 0.5 * asked;
    }

    private List<String> pickBest(Query query, Passage passage, double bar) {
        String best = null;
        double bestScore = 0;
        for (String s : Sentences.of(passage.text())) {
            double score = score(query, passage, s);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        List<String> picked = new ArrayList<>();
        if (best != null && bestScore >= bar) {
            picked.add(best);
        }
        return picked;
    }

    /** Title terms count little: every sentence of the document is about its title. */
    private double score(Query query, Passage passage, String sentence) {
        double score = 0;
        for (String term : new HashSet<>(index.tokenizer().terms(sentence))) {
            double weight = query.weight(term) * index.idf(term);
            score += index.inTitle(passage, term) ? PassageIndex.TITLE_DISCOUNT * weight : weight;
        }
        return score;
    }

    private static Answer write(Map<ScoredPassage, List<String>> chosen) {
        Map<DemoDocument, List<ScoredPassage>> byDocument = new LinkedHashMap<>();
        chosen.keySet().forEach(hit -> byDocument.computeIfAbsent(hit.passage().document(), d -> new ArrayList<>()).add(hit));
        List<String> paragraphs = new ArrayList<>();
        List<Answer.Source> sources = new ArrayList<>();
        byDocument.forEach((doc, hits) -> {
            // Best passage first: the opening sentence of an answer should be the answer.
            String sentences = hits.stream()
                    .flatMap(h -> chosen.get(h).stream())
                    .collect(Collectors.joining(" "));
            String source = "\"" + doc.title() + "\" (" + doc.name() + ")";
            String lead = paragraphs.isEmpty() ? "According to " + source + ": " : source + " adds: ";
            paragraphs.add(lead + sentences);
            sources.add(new Answer.Source(doc, List.copyOf(hits)));
        });
        return new Answer(String.join("\n\n", paragraphs), sources);
    }
}
