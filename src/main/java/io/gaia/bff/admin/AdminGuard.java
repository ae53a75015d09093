package io.gaia.bff.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.gaia.bff.problem.ApiException;
import io.gaia.bff.problem.ErrorCode;
import io.quarkus.runtime.StartupEvent;

/**
 * Decides whether a request may use the operator endpoint. Off (no ADMIN_TOKEN) it answers exactly
 * as an unknown route does, so a scan cannot tell the endpoint exists; on, it wants
 * {@code Authorization: Bearer <ADMIN_TOKEN>}.
 */
@Singleton
public class AdminGuard {

    public static final String ROOT = "/admin";

    private static final Logger LOG = Logger.getLogger(AdminGuard.class);
    private static final String BEARER = "bearer ";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"gaia-bff-admin\"");

    /** Only the token's digest is kept: comparing digests takes the same time whatever the length of a guess. */
    private final Optional<byte[]> tokenDigest;

    public AdminGuard(AdminConfig config) {
        this.tokenDigest = config.token().map(AdminGuard::sha256);
    }

    void report(@Observes StartupEvent event) {
        if (tokenDigest.isPresent()) {
            LOG.info("Operator endpoint " + ROOT + "/sessions is enabled (ADMIN_TOKEN is set)");
        }
    }

    public static boolean isAdminPath(String path) {
        return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }

    /** Throws the problem the request gets instead of reaching the endpoint; returns if it may. */
    public void check(String path, String authorization) {
        if (tokenDigest.isEmpty()) {
            // The same answer as HttpLayerProblems gives a path no route matches.
            throw new ApiException(ErrorCode.NOT_FOUND, "No such resource: " + path);
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            LOG.info("admin_event=denied reason=missing_token");
            throw new ApiException(ErrorCode.ADMIN_TOKEN_REQUIRED, 401,
                    "Send the operator token as Authorization: Bearer <ADMIN_TOKEN>", CHALLENGE, null);
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
        if (!MessageDigest.isEqual(presented, tokenDigest.get())) {
            // The token sent is never logged or echoed: it may be a near miss of the real one.
            LOG.warn("admin_event=denied reason=wrong_token");
            throw new ApiException(ErrorCode.ADMIN_TOKEN_REQUIRED, 401,
                    "The operator token is not valid", CHALLENGE, null);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
