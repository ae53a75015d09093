package io.gaia.bff.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals what a session store outside this process must not hold in clear (the Gaia key, the session
 * id): AES-256-GCM with a random 12-byte nonce per value and the caller's associated data (the hashed
 * session id), so a sealed value copied to another session does not open. A sealed value is base64 of
 * nonce followed by ciphertext and tag. Thread-safe.
 */
public final class SessionCipher {

    /** The environment name operators set; every message about the key names it. */
    public static final String SETTING = "SESSION_ENCRYPTION_KEY";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SessionCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The cipher for a configured key, or the reason it cannot be used, naming {@value #SETTING}
     * (never quoting the value).
     */
    public static SessionCipher fromBase64(Optional<String> configured) {
        String value = configured.map(String::strip).filter(s -> !s.isEmpty()).orElseThrow(() -> new IllegalArgumentException(
                SETTING + " is required with SESSION_STORE=redis: base64 of 32 random bytes, the same on every replica "
                        + "(e.g. openssl rand -base64 32)"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw malformed("it is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw malformed("it decodes to " + bytes.length + " bytes, not " + KEY_BYTES);
        }
        return new SessionCipher(bytes);
    }

    private static IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException(SETTING + " must be base64 of 32 random bytes (e.g. openssl rand -base64 32); "
                + why);
    }

    /** The sealed form of {@code plaintext}, bound to {@code associatedData}. */
    public String seal(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JVM", e);
        }
    }

    /**
     * The plaintext of a sealed value; empty when it was not sealed with this key and associated data
     * (another key, another session, or tampered with).
     */
    public Optional<String> open(String sealed, String associatedData) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JVM", e);
        }
    }
}
