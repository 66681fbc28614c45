package io.switchboard.core.id;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/** Random tokens for tags, branches and Call-IDs (RFC 3261 §19.3: globally unique, 32+ bits of randomness). */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom SEED = new SecureRandom();

    private Ids() {
    }

    /** A random alphanumeric token of {@code length} characters (not for secrets). */
    public static String token(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** Bytes from a cryptographically strong source, for keys and nonces. */
    public static byte[] secureBytes(int n) {
        byte[] b = new byte[n];
        SEED.nextBytes(b);
        return b;
    }
}
