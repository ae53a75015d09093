package io.gaia.bff.gaia;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.gaia.bff.config.GaiaConfig;
import io.gaia.bff.gaia.GaiaException.Kind;

/**
 * The most of Gaia's answers this replica holds in memory at once, across every call and stream
 * (GAIA_ANSWER_MEMORY_MB; unset, a quarter of the heap). {@link GaiaLimits} bounds one answer; this
 * bounds them together: 30 JSON answers near the 8 MiB cap arriving at once exhausted a 256 MiB heap,
 * which ends every user's session held in it. What counts is what is held while it arrives: a JSON
 * body until it has arrived whole, and the part of a streamed event not yet complete. An answer that
 * would take more than is left fails as 503 GAIA_BUSY (Retry-After: 1) and its connection to Gaia is
 * closed; the other answers go on.
 */
@ApplicationScoped
public class AnswerMemory {

    private static final long MIB = 1024 * 1024;

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    public AnswerMemory(GaiaConfig gaia) {
        this.limit = gaia.answerMemoryMb().map(mib -> mib * MIB)
                .orElseGet(() -> Math.max(GaiaLimits.MAX_BODY_BYTES, Runtime.getRuntime().maxMemory() / 4));
    }

    public long limitBytes() {
        return limit;
    }

    public long heldBytes() {
        return held.get();
    }

    /** A claim for one answer, holding nothing yet. */
    Claim claim() {
        return new Claim();
    }

    private boolean take(long bytes) {
        long before;
        do {
            before = held.get();
            if (before + bytes > limit) {
                return false;
            }
        } while (!held.compareAndSet(before, before + bytes));
        return true;
    }

    static GaiaException full() {
        return GaiaException.refused(Kind.BUSY,
                "This service holds as much of Gaia's answers as its memory allows; try again shortly", 1);
    }

    /**
     * What one answer holds: it grows and shrinks with the answer, and {@link #release} gives it all
     * back when the answer ends, however it ends. Released, it holds nothing and takes nothing more.
     * An answer is read on one thread, but it can be abandoned from another, hence the lock.
     */
    final class Claim {

        private long bytes;
        private boolean released;

        /** Holds {@code total} bytes from now on; false (holding what it held) if the replica's limit leaves no room. */
        synchronized boolean resize(long total) {
            if (released) {
                return total == 0;
            }
            long more = total - bytes;
            if (more > 0 && !take(more)) {
                return false;
            }
            if (more < 0) {
                held.addAndGet(more);
            }
            bytes = total;
            return true;
        }

        synchronized void release() {
            if (!released) {
                held.addAndGet(-bytes);
                bytes = 0;
                released = true;
            }
        }
    }
}
