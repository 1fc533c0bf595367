package io.posmortem.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as 64 lower-case hex digits, the one form posmortem writes digests in (input and
 * knowledge-base fingerprints, trace ids, cache keys).
 */
public final class Sha256 {

    private Sha256() {}

    /** The digest of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return hexOf(digest().digest(bytes));
    }

    /** The digest of {@code text} encoded as UTF-8. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The finished digest of an incremental {@link #digest()}, as hex. */
    public static String hex(MessageDigest digest) {
        return hexOf(digest.digest());
    }

    /** A fresh SHA-256 digest, for input fed in parts; finish it with {@link #hex(MessageDigest)}. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static String hexOf(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
