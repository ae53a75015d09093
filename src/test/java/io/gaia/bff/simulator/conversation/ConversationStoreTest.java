package io.gaia.bff.simulator.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConversationStoreTest {

    @Test
    void keepsAtMostItsCapacityEvictingTheLeastRecentlyUsed() {
        ConversationStore store = new ConversationStore(2);
        Conversation a = store.open("a", "first question");
        store.open("b", "second question");
        store.open("a", "ignored");      // touch a, so b is now the oldest
        store.open("c", "third question");

        assertEquals(2, store.size());
        assertSame(a, store.open("a", "x"));
        assertNotSame(null, store.open("b", "asked again"));
        assertEquals("asked again", store.open("b", "y").name());
    }

    @Test
    void conversationIsNamedAfterItsFirstQuestionTruncated() {
        ConversationStore store = new ConversationStore(10);
        String question = "What are all the remediation items that came out of the March database outage postmortem?";

        String name = store.open("id", question).name();

        assertTrue(name.length() <= 63 && name.endsWith("..."), name);
        assertTrue(question.startsWith(name.substring(0, name.length() - 3)), name);
        assertEquals("How do I claim travel expenses?", store.open("id2", " How do I claim travel expenses? ").name());
    }
}
