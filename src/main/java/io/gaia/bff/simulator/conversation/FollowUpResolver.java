package io.gaia.bff.simulator.conversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.gaia.bff.simulator.retrieval.Query;
import io.gaia.bff.simulator.retrieval.Tokenizer;

/**
 * Makes follow-up questions searchable. "What was its root cause?" has no subject of its own, so the
 * previous turn's terms are added at half weight (and so on, decaying, further back). "And the
 * second one?" points at the second document the previous answer cited, and repeats its question.
 */
public final class FollowUpResolver {

    static final double CONTEXT_WEIGHT = 0.5;

    private static final Map<String, Integer> ORDINALS = Map.ofEntries(
            Map.entry("first", 1), Map.entry("1st", 1), Map.entry("second", 2), Map.entry("2nd", 2),
            Map.entry("third", 3), Map.entry("3rd", 3), Map.entry("fourth", 4), Map.entry("4th", 4),
            Map.entry("last", -1));

    private static final Set<String> REFERENTS = Set.of("one", "document", "doc", "source", "file", "result");

    private final Tokenizer tokenizer;

    public FollowUpResolver(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * @param onlyDocumentId set when the question singles out one document of the previous answer
     */
    public record Resolved(Query query, Optional<String> onlyDocumentId) {
    }

    public Resolved resolve(String question, Optional<Turn> previous) {
        List<String> terms = tokenizer.terms(question);
        if (previous.isEmpty()) {
            return new Resolved(Query.of(terms), Optional.empty());
        }
        Turn last = previous.get();
        Optional<String> document = referencedDocument(question, last);
        if (document.isPresent()) {
            // The ordinal was a pointer, not something to search for.
            terms = terms.stream().filter(t -> !ORDINALS.containsKey(t)).toList();
        }
        Query current = Query.of(terms);
        // With nothing of its own to search for, the question is the previous one asked again.
        double weight = current.isEmpty() ? 1.0 : CONTEXT_WEIGHT;
        return new Resolved(current.with(last.query(), weight), document);
    }

    /** Context from replayed {@code history} when the conversation itself is unknown. */
    public Optional<Turn> fromHistory(List<String> earlierQuestions) {
        Query context = Query.empty();
        for (String question : earlierQuestions) {
            context = Query.of(tokenizer.terms(question)).with(context, CONTEXT_WEIGHT);
        }
        return context.isEmpty() ? Optional.empty()
                : Optional.of(new Turn(earlierQuestions.get(earlierQuestions.size() - 1), context, List.of()));
    }

    private Optional<String> referencedDocument(String question, Turn last) {
        List<String> cited = last.documentIds();
        if (cited.size() < 2) {
            return Optional.empty();
        }
        List<String> words = tokenizer.words(question);
        boolean nothingElseAsked = tokenizer.terms(question).stream().allMatch(ORDINALS::containsKey);
        for (int w = 0; w < words.size(); w++) {
            Integer position = ORDINALS.get(words.get(w));
            // "my first day" is not a pointer; "the first one", "the second document" or a bare "and the second?" are.
            boolean pointer = nothingElseAsked || (w + 1 < words.size() && REFERENTS.contains(words.get(w + 1)));
            if (position == null || !pointer) {
                continue;
            }
            int i = position == -1 ? cited.size() - 1 : position - 1;
            if (i < cited.size()) {
                return Optional.of(cited.get(i));
            }
        }
        return Optional.empty();
    }
}
