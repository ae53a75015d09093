package io.gaia.bff.simulator.corpus;

/**
 * A paragraph (or a bullet list) of a document: the unit that is retrieved and cited.
 *
 * @param index position in the whole corpus, the tie-breaker that keeps rankings deterministic
 * @param heading the section heading above it, searched along with the text
 * @param text the paragraph as written, which is what a citation quotes
 */
public record Passage(int index, DemoDocument document, String heading, String text) {

    /** Title and heading are searched too, so "the March outage" finds the March postmortem's paragraphs. */
    public String searchableText() {
        return document.title() + "\n" + heading + "\n" + text;
    }
}
