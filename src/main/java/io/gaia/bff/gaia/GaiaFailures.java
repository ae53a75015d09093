package io.gaia.bff.gaia;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

import javax.net.ssl.SSLException;

import io.gaia.bff.gaia.GaiaException.Kind;

/**
 * Classifies whatever a Gaia call failed with. Connection failures and timeouts surface from the
 * HTTP stack as assorted exception types (the Python SDK let them escape); here each becomes a
 * {@link GaiaException} of the right kind.
 */
final class GaiaFailures {

    private GaiaFailures() {
    }

    static GaiaException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GaiaException gaia) {
                return gaia;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException) {
                return GaiaException.of(Kind.UNREACHABLE, "Gaia could not be reached; try again later", failure);
            }
            if (t instanceof SSLException) {
                return GaiaException.of(Kind.TLS, "Gaia's TLS certificate was not accepted "
                        + "(for a self-signed cluster set GAIA_VERIFY_SSL=false)", failure);
            }
            if (isTimeout(t)) {
                return GaiaException.of(Kind.TIMEOUT, "Gaia did not answer in time", failure);
            }
        }
        return GaiaException.of(Kind.BAD_RESPONSE, "Gaia's answer could not be read", failure);
    }

    /**
     * Worth another attempt for an idempotent read: Gaia could not be reached, did not answer in
     * time, broke the connection, or said it is temporarily unavailable (502/503/504). Never a 4xx,
     * never a 500 (Gaia processed the request and failed; doing it again rarely helps), never an
     * unreadable answer.
     */
    static boolean isTransient(Throwable failure) {
        if (!(failure instanceof GaiaException gaia)) {
            return false;
        }
        switch (gaia.kind()) {
            case UNREACHABLE:
            case TIMEOUT:
                return true;
            case STATUS:
                return gaia.status() == 502 || gaia.status() == 503 || gaia.status() == 504;
            case BAD_RESPONSE:
                return brokenConnection(gaia.getCause());
            default:
                return false;
        }
    }

    /**
     * Counts against Gaia's health for the circuit breaker: transient failures, any 5xx and
     * unreadable answers. Not 4xx (the caller's key, request or rate), not TLS (a setting to fix,
     * whose error the breaker would hide), not calls this service itself refused.
     */
    static boolean isGaiaFault(Throwable failure) {
        if (!(failure instanceof GaiaException gaia)) {
            return false;
        }
        switch (gaia.kind()) {
            case UNREACHABLE:
            case TIMEOUT:
            case BAD_RESPONSE:
                return true;
            case STATUS:
                return gaia.status() >= 500;
            default:
                return false;
        }
    }

    /** A connection reset or closed under the answer, as opposed to an answer that did not parse. */
    private static boolean brokenConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JacksonException) {
                return false;
            }
            if (t instanceof java.io.IOException || t.getClass().getSimpleName().contains("Closed")) {
                return true;
            }
        }
        return false;
    }

    // Vert.x, Netty and Mutiny each have their own timeout exception types, none shared.
    private static boolean isTimeout(Throwable t) {
        return t instanceof java.util.concurrent.TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException
                || t.getClass().getSimpleName().contains("Timeout");
    }
}
