package io.switchboard.customer.token;

import io.switchboard.core.id.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token secrets and their stored form. A secret is {@code sb_} + 32 random bytes (base64url), so a plain
 * SHA-256 is enough (no password stretching needed for 256 bits of entropy); hashes are compared in
 * constant time.
 */
public final class TokenHash {
    public static final String PREFIX = "sb_";

    private TokenHash() {
    }

    public static String newSecret() {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Ids.secureBytes(32));
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes. */
    public static String hash(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean matches(String expectedHash, String actualHash) {
        return MessageDigest.isEqual(expectedHash.getBytes(StandardCharsets.US_ASCII), actualHash.getBytes(StandardCharsets.US_ASCII));
    }
}
