package io.gaia.bff.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.WriterHandler;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Writes the log lines an event loop produces in one turn with one write, at the end of that turn,
 * instead of one write per line. At saturation every request's access line paid a write(2) of its
 * own, half of the line's cost (bench/RESULTS.md). A line still leaves before the loop next waits
 * for I/O, so none waits for a timer or for a later request. Lines logged anywhere else (worker
 * threads, startup, shutdown) are written at once, as before, and take any held lines with them.
 * Applies to the console and the log file; switched on only once the application has started, so
 * the error of a failed start is never held back, and off again when it stops.
 */
@ApplicationScoped
public class LogWritesPerLoopTurn {

    private ExtHandler parent;
    private FlushAtEndOfTurn flusher;

    void start(@Observes StartupEvent started) {
        for (Handler root : LogContext.getLogContext().getLogger("").getHandlers()) {
            // Quarkus's delayed handler holds the configured console and file handlers.
            List<WriterHandler> writers = root instanceof ExtHandler ext ? flushingWriters(ext) : List.of();
            if (!writers.isEmpty()) {
                writers.forEach(writer -> writer.setAutoFlush(false));
                parent = (ExtHandler) root;
                flusher = new FlushAtEndOfTurn(writers);
                // After the writers, so a turn's flush is asked for once its line is in their buffers.
                parent.addHandler(flusher);
                return;
            }
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (parent == null) {
            return;
        }
        parent.removeHandler(flusher);
        // Writes out whatever a loop still holds.
        flusher.writers.forEach(writer -> writer.setAutoFlush(true));
        parent = null;
        flusher = null;
    }

    private static List<WriterHandler> flushingWriters(ExtHandler ext) {
        List<WriterHandler> writers = new ArrayList<>();
        for (Handler nested : ext.getHandlers()) {
            if (nested instanceof WriterHandler writer && writer.isAutoFlush()) {
                writers.add(writer);
            }
        }
        return writers;
    }

    /** Asks each event loop for one flush at the end of its current turn; flushes at once elsewhere. */
    static final class FlushAtEndOfTurn extends ExtHandler {

        private final List<WriterHandler> writers;
        /** Whether this loop has a flush queued; only its own thread reads or sets it. */
        private final ThreadLocal<boolean[]> queued = ThreadLocal.withInitial(() -> new boolean[1]);

        FlushAtEndOfTurn(List<WriterHandler> writers) {
            this.writers = List.copyOf(writers);
            setLevel(Level.ALL);
        }

        @Override
        protected void doPublish(ExtLogRecord record) {
            Context context = Context.isOnEventLoopThread() ? Vertx.currentContext() : null;
            if (context == null) {
                flush();
                return;
            }
            boolean[] pending = queued.get();
            if (!pending[0]) {
                pending[0] = true;
                // Runs after the I/O events of this turn, from the loop's task queue.
                context.runOnContext(ignored -> {
                    pending[0] = false;
                    flush();
                });
            }
        }

        @Override
        public void flush() {
            for (WriterHandler writer : writers) {
                writer.flush();
            }
        }
    }
}
