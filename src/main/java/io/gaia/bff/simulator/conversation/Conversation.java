package io.gaia.bff.simulator.conversation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** The remembered turns of one conversation; only the recent ones matter for follow-ups. */
public final class Conversation {

    private static final int MAX_TURNS = 20;

    private final String id;
    private final String name;
    private final Deque<Turn> turns = new ArrayDeque<>();

    Conversation(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public synchronized Optional<Turn> lastTurn() {
        return Optional.ofNullable(turns.peekLast());
    }

    public synchronized void record(Turn turn) {
        turns.addLast(turn);
        if (turns.size() > MAX_TURNS) {
            turns.removeFirst();
        }
    }
}
