package io.gaia.bff.simulator.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.simulator.corpus.DemoCorpus;
import io.gaia.bff.simulator.corpus.Passage;
import io.gaia.bff.simulator.retrieval.PassageIndex;
import io.gaia.bff.simulator.retrieval.Query;
import io.gaia.bff.simulator.retrieval.QuestionAnswerer;
import io.gaia.bff.simulator.retrieval.Tokenizer;

class FollowUpResolverTest {

    static final String PAYMENTS_POSTMORTEM = "2024-06-04-payments-certificate-expiry.md";
    static final DemoCorpus CORPUS = DemoCorpus.load(new ObjectMapper());

    private final Tokenizer tokenizer = new Tokenizer();
    private final FollowUpResolver resolver = new FollowUpResolver(tokenizer);
    private final QuestionAnswerer answerer = new QuestionAnswerer(new PassageIndex(CORPUS.passages(), tokenizer));

    @Test
    void followUpIsRetrievedWithTheEarlierQuestionsTerms() {
        String first = "What happened when the payments certificate expired?";
        Turn previous = new Turn(first, Query.of(tokenizer.terms(first)), List.of());

        FollowUpResolver.Resolved alone = resolver.resolve("What was the root cause?", Optional.empty());
        FollowUpResolver.Resolved followUp = resolver.resolve("What was the root cause?", Optional.of(previous));

        Passage withoutContext = answerer.retrieve(alone.query(), p -> true).get(0).passage();
        Passage withContext = answerer.retrieve(followUp.query(), p -> true).get(0).passage();
        assertNotEquals(PAYMENTS_POSTMORTEM, withoutContext.document().name());
        assertEquals(PAYMENTS_POSTMORTEM, withContext.document().name());
        assertEquals("Root cause", withContext.heading());
        assertEquals(FollowUpResolver.CONTEXT_WEIGHT, followUp.query().weight("payment"));
    }

    @Test
    void ordinalPointsAtTheEarlierAnswersDocumentAndRepeatsItsQuestion() {
        Query earlier = Query.of(tokenizer.terms("Which postmortems mention a rollback?"));
        Turn previous = new Turn("Which postmortems mention a rollback?", earlier, List.of("doc-a", "doc-b"));

        FollowUpResolver.Resolved resolved = resolver.resolve("And the second one?", Optional.of(previous));

        assertEquals(Optional.of("doc-b"), resolved.onlyDocumentId());
        assertEquals(earlier.weights(), resolved.query().weights());
    }

    @Test
    void ordinalThatIsPartOfTheQuestionIsNotAPointer() {
        Turn previous = new Turn("q", Query.of(List.of("leav")), List.of("doc-a", "doc-b"));

        FollowUpResolver.Resolved resolved = resolver.resolve("What happens on my first day?", Optional.of(previous));

        assertTrue(resolved.onlyDocumentId().isEmpty());
        assertEquals(1.0, resolved.query().weight("first"));
    }

    @Test
    void replayedHistoryGivesContextWhenTheConversationIsUnknown() {
        Optional<Turn> context = resolver.fromHistory(List.of("How do I claim travel expenses?"));

        FollowUpResolver.Resolved resolved = resolver.resolve("What is the hotel cap?", context);

        assertEquals(FollowUpResolver.CONTEXT_WEIGHT, resolved.query().weight("claim"));
        assertEquals(1.0, resolved.query().weight("hotel"));
    }
}
