package io.switchboard.channels.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * WeChat's request signature: {@code hex(sha1(concat(sortLexical(parts))))} — with (token, timestamp, nonce)
 * for {@code signature}, plus the {@code Encrypt} text for {@code msg_signature} (channels.md §1).
 * Comparison is constant-time.
 */
public final class WxSignature {
    private WxSignature() {
    }

    public static String sign(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    /** True when {@code given} is the signature of {@code parts}; false when any is missing. */
    public static boolean matches(String given, String... parts) {
        if (given == null) {
            return false;
        }
        for (String p : parts) {
            if (p == null) {
                return false;
            }
        }
        return MessageDigest.isEqual(sign(parts).getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
