package io.gaia.bff.simulator;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gaia.bff.simulator.conversation.ConversationStore;
import io.gaia.bff.simulator.conversation.FollowUpResolver;
import io.gaia.bff.simulator.corpus.DemoCorpus;
import io.gaia.bff.simulator.retrieval.PassageIndex;
import io.gaia.bff.simulator.retrieval.QuestionAnswerer;
import io.gaia.bff.simulator.retrieval.Tokenizer;
import io.quarkus.arc.properties.IfBuildProperty;

/** The simulator's engine is plain Java (so it unit-tests without Quarkus); this wires it into CDI. */
@Singleton
@IfBuildProperty(name = "gaia-simulator.enabled", stringValue = "true")
public class SimulatorProducers {

    @Produces
    @Singleton
    DemoCorpus corpus(ObjectMapper mapper) {
        return DemoCorpus.load(mapper);
    }

    @Produces
    @Singleton
    Tokenizer tokenizer() {
        return new Tokenizer();
    }

    @Produces
    @Singleton
    QuestionAnswerer answerer(DemoCorpus corpus, Tokenizer tokenizer) {
        return new QuestionAnswerer(new PassageIndex(corpus.passages(), tokenizer));
    }

    @Produces
    @Singleton
    FollowUpResolver followUps(Tokenizer tokenizer) {
        return new FollowUpResolver(tokenizer);
    }

    @Produces
    @Singleton
    ConversationStore conversations() {
        return new ConversationStore(ConversationStore.DEFAULT_CAPACITY);
    }
}
