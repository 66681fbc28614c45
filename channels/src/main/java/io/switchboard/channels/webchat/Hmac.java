package io.switchboard.channels.webchat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 in hex, as sites compute the identity hash of a logged-in user (Intercom's {@code user_hash},
 * Chatwoot's {@code identifier_hash}: {@code hex(HMAC_SHA256(secret, user_id))}, channels.md §19).
 */
public final class Hmac {
    private Hmac() {
    }

    public static String sha256Hex(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }

    /** Constant-time check of a hex HMAC. */
    public static boolean verify(String secret, String data, String givenHex) {
        if (givenHex == null || secret == null || secret.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256Hex(secret, data).getBytes(StandardCharsets.US_ASCII),
                givenHex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
