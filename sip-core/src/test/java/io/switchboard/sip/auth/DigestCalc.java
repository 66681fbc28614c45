package io.switchboard.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client's side of digest authentication, written from RFC 2617 §3.2.2 and RFC 8760 §2 without
 * using the code under test: computes {@code response} and writes the Authorization header value.
 */
public final class DigestCalc {
    private DigestCalc() {
    }

    public static String h(String algorithm, String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256".equals(algorithm) ? "SHA-256" : "MD5");
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest(text.getBytes(StandardCharsets.UTF_8))) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** request-digest with qop=auth: KD(H(A1), nonce:nc:cnonce:qop:H(A2)). */
    public static String response(String alg, String user, String realm, String password, String method, String uri,
                                  String nonce, String nc, String cnonce) {
        String ha1 = h(alg, user + ":" + realm + ":" + password);
        String ha2 = h(alg, method + ":" + uri);
        return h(alg, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    /** RFC 2069 compatibility (no qop): KD(H(A1), nonce:H(A2)). */
    public static String responseNoQop(String alg, String user, String realm, String password, String method, String uri, String nonce) {
        String ha1 = h(alg, user + ":" + realm + ":" + password);
        String ha2 = h(alg, method + ":" + uri);
        return h(alg, ha1 + ":" + nonce + ":" + ha2);
    }

    /** An Authorization header value with qop=auth. */
    public static String authorization(String alg, String user, String realm, String password, String method, String uri,
                                       String nonce, String nc, String cnonce) {
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response(alg, user, realm, password, method, uri, nonce, nc, cnonce)
                + "\", algorithm=" + alg + ", cnonce=\"" + cnonce + "\", qop=auth, nc=" + nc;
    }

    /** The value of {@code name} in a challenge such as {@code Digest realm="x", nonce="y"}. */
    public static String param(String challenge, String name) {
        Matcher m = Pattern.compile("(?:^|[ ,])" + name + "=(\"([^\"]*)\"|[^, ]+)").matcher(challenge);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}
