package io.gaia.bff.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Session ids (256 random bits, base64url) and the one-way key ids logs and caches may hold. */
public final class SessionIds {

    private static final int ID_BYTES = 32;
    /** 32 bytes in unpadded base64url. */
    static final int ID_LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Cheap shape check before any lookup, so junk never reaches the store: 43 base64url characters.
     * A loop rather than a regex: it runs twice on every request (session filter, access line).
     */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < ID_LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A short SHA-256 fingerprint of an API key: identifies it in logs and caches, reveals nothing. */
    public static String keyId(String apiKey) {
        return fingerprint(apiKey);
    }

    /**
     * The same fingerprint for any secret with too much entropy to guess (a key, a 256-bit session
     * id): the same on every replica, unlike the salted hashes in logs.
     */
    public static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
