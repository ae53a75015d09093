package io.gaia.bff.observability;

import java.lang.reflect.Method;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * Takes a request out of Quarkus's count of requests in flight where Vert.x never tells Quarkus that
 * it ended (RequestTracking says when).
 *
 * <p>With quarkus.shutdown.timeout set, Quarkus counts every request as in flight until its response
 * ends or its connection closes, and on SIGTERM waits for the count to reach zero. A request whose end
 * goes unreported holds every later shutdown for the whole SHUTDOWN_TIMEOUT_SECONDS and ends it with
 * "Timed out waiting for graceful shutdown", however long ago it ended.
 *
 * <p>Quarkus has no public way to end a request's count, so its wrapper's own {@code done()} is called
 * by reflection. If a later Quarkus renames it, this logs a warning once and shutdown falls back to
 * waiting out the timeout; ShutdownIT fails on exactly that.
 */
@RegisterForReflection(targets = QuarkusRequestWrapper.class, methods = true, fields = false)
final class InFlightCount {

    private static final Logger LOG = Logger.getLogger(InFlightCount.class);
    private static final Method DONE = doneMethod();

    private InFlightCount() {
    }

    /** Ends the request's count; harmless twice, and for a request that was not counted. */
    static void end(HttpServerRequest request) {
        QuarkusRequestWrapper counted = countedRequest(request);
        if (counted == null || DONE == null) {
            return;
        }
        try {
            DONE.invoke(counted); // only the first call counts: done() guards itself
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("Could not end the request's count: %s", e.toString());
        }
    }

    /** The wrapper that carries the count; absent when no graceful shutdown is configured. */
    private static QuarkusRequestWrapper countedRequest(HttpServerRequest request) {
        Cookie marker = request.getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME);
        return marker instanceof QuarkusRequestWrapper.QuarkusCookie wrapped ? wrapped.getRequestWrapper() : null;
    }

    private static Method doneMethod() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return done;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Open WebSockets and abandoned streams will hold shutdown for the whole SHUTDOWN_TIMEOUT_SECONDS: %s",
                    e.toString());
            return null;
        }
    }
}
