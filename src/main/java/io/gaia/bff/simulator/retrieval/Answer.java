package io.gaia.bff.simulator.retrieval;

import java.util.List;

import io.gaia.bff.simulator.corpus.DemoDocument;

/** A composed answer and, per cited document, the passages its sentences were taken from. */
public record Answer(String text, List<Source> sources) {

    public record Source(DemoDocument document, List<ScoredPassage> passages) {
    }
}
