package io.gaia.bff.simulator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class DemoCorpusTest {

    private final DemoCorpus corpus = DemoCorpus.load(new ObjectMapper());

    @Test
    void manifestShipsThreeDatasetsOfThreeOrFourSubstantialDocuments() {
        assertEquals(3, corpus.datasets().size());
        for (DemoDataset dataset : corpus.datasets()) {
            assertTrue(dataset.id().matches("[0-9a-f]+"), dataset.id());
            assertTrue(dataset.documents().size() >= 3 && dataset.documents().size() <= 4, dataset.name());
            for (DemoDocument doc : dataset.documents()) {
                int words = doc.text().split("\\s+").length;
                assertTrue(words >= 600 && words <= 1500, doc.name() + " has " + words + " words");
            }
        }
    }

    @Test
    void everyParagraphIncludingTheLastBecomesAPassage() {
        DemoDocument doc = corpus.dataset("northwind-handbook").orElseThrow().documents().get(0);
        String lastParagraph = doc.text().strip().substring(doc.text().strip().lastIndexOf("\n\n") + 2);

        assertTrue(corpus.passages().stream().anyMatch(p -> p.document() == doc && p.text().equals(lastParagraph)));
    }

    @Test
    void oneLineLeadInIsMergedIntoTheListItIntroduces() {
        assertTrue(corpus.passages().stream()
                .anyMatch(p -> p.text().startsWith("All times are UTC on March 12, 2024.\n- 11:20")));
    }
}
