package io.gaia.bff.simulator.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.simulator.corpus.DemoCorpus;
import io.gaia.bff.simulator.corpus.Passage;

class QuestionAnswererTest {

    static final DemoCorpus CORPUS = DemoCorpus.load(new ObjectMapper());

    private final Tokenizer tokenizer = new Tokenizer();
    private final QuestionAnswerer answerer = new QuestionAnswerer(new PassageIndex(CORPUS.passages(), tokenizer));

    @Test
    void expensesQuestionRanksTheExpensesClaimPassageFirst() {
        List<ScoredPassage> ranked = answerer.retrieve(query("How do I claim travel expenses?"), p -> true);

        Passage top = ranked.get(0).passage();
        assertEquals("expenses-and-travel-policy.md", top.document().name());
        assertTrue(top.text().contains("submit an expense report in Expensify within 30 days"), top.text());
    }

    @Test
    void answerToTheMarchOutageQuotesItsRootCauseAndNamesTheDocument() {
        Answer answer = answerer.answer(query("What caused the March database outage?"), p -> true, "everything");

        assertTrue(answer.text().contains("abandoned logical replication slot"), answer.text());
        assertTrue(answer.text().contains("2024-03-12-orders-database-outage.md"), answer.text());
        assertEquals("2024-03-12-orders-database-outage.md", answer.sources().get(0).document().name());
    }

    @Test
    void releaseQuestionIsAnsweredFromTheReleaseNotes() {
        Answer answer = answerer.answer(query("What changed in release 2.4?"), p -> true, "everything");

        assertEquals("atlas-2.4-release-notes.md", answer.sources().get(0).document().name());
        assertTrue(answer.text().contains("scheduled exports"), answer.text());
    }

    @Test
    void answerIsAFewSentencesEachFromACitedPassage() {
        Answer answer = answerer.answer(query("How do I claim travel expenses?"), p -> true, "everything");

        List<String> cited = answer.sources().stream()
                .flatMap(s -> s.passages().stream())
                .flatMap(p -> Sentences.of(p.passage().text()).stream())
                .toList();
        String body = answer.text().replaceAll("(?m)^(According to )?\"[^\"]+\" \\([^)]+\\)( adds)?: ", "");
        List<String> sentences = Sentences.of(body.replace("\n\n", " "));
        assertTrue(sentences.size() >= 2 && sentences.size() <= AnswerComposer.MAX_SENTENCES, answer.text());
        sentences.forEach(s -> assertTrue(cited.contains(s), () -> "not from a cited passage: " + s));
    }

    @Test
    void unknownTermsFindNothingAndSaySo() {
        Answer answer = answerer.answer(query("What is the weather like on Mars today?"), p -> true, "the dataset x");

        assertTrue(answer.sources().isEmpty());
        assertTrue(answer.text().startsWith("I could not find anything about that in the dataset x"), answer.text());
    }

    @Test
    void onlyPassagesInScopeAreSearched() {
        String incidentsId = CORPUS.dataset("northwind-incidents").orElseThrow().id();

        List<ScoredPassage> ranked = answerer.retrieve(query("How do I claim travel expenses?"),
                p -> p.document().datasetId().equals(incidentsId));

        ranked.forEach(hit -> assertEquals(incidentsId, hit.passage().document().datasetId()));
    }

    @Test
    void sameQuestionOnTheSameDataGivesTheSameAnswer() {
        QuestionAnswerer another = new QuestionAnswerer(new PassageIndex(CORPUS.passages(), new Tokenizer()));
        String question = "What is the on-call stipend?";

        assertEquals(answerer.answer(query(question), p -> true, "x").text(),
                another.answer(query(question), p -> true, "x").text());
    }

    private Query query(String question) {
        return Query.of(tokenizer.terms(question));
    }
}
