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

    // Vert.x, Netty and Mutiny each have their own timeout exception types, none shared.
    private static boolean isTimeout(Throwable t) {
        return t instanceof java.util.concurrent.TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException
                || t.getClass().getSimpleName().contains("Timeout");
    }
}
