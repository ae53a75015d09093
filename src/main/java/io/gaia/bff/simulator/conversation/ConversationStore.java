package io.gaia.bff.simulator.conversation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Conversations by id, least recently used evicted first so a long dev session cannot grow memory without bound. */
public final class ConversationStore {

    public static final int DEFAULT_CAPACITY = 1000;
    private static final int MAX_NAME_LENGTH = 60;

    private final Map<String, Conversation> conversations;

    public ConversationStore(int capacity) {
        this.conversations = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The conversation with this id, or a new one named after {@code question}. An id the store does
     * not know (evicted, or invented by the client) simply starts afresh under that id.
     */
    public synchronized Conversation open(String id, String question) {
        return conversations.computeIfAbsent(id, key -> new Conversation(key, nameFor(question)));
    }

    public synchronized int size() {
        return conversations.size();
    }

    static String nameFor(String question) {
        String q = question.strip().replaceAll("\\s+", " ");
        if (q.length() <= MAX_NAME_LENGTH) {
            return q;
        }
        int cut = q.lastIndexOf(' ', MAX_NAME_LENGTH);
        return q.substring(0, cut > MAX_NAME_LENGTH / 2 ? cut : MAX_NAME_LENGTH) + "...";
    }
}
