package io.switchboard.sip.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Our side of digest authentication when the switch is the client (RFC 3261 §22.2, RFC 2617 §3.2.2,
 * RFC 8760): registering with a carrier, or answering a carrier's challenge to an outbound INVITE. From a
 * {@code WWW-Authenticate}/{@code Proxy-Authenticate} value it computes the matching
 * {@code Authorization}/{@code Proxy-Authorization} value. MD5 and SHA-256; {@code qop=auth} when offered
 * (with our cnonce and nonce count), the RFC 2069 form otherwise. {@code auth-int} alone is refused.
 */
public final class DigestClient {
    private DigestClient() {
    }

    /** A challenge, parsed. */
    public record Challenge(String realm, String nonce, String opaque, String algorithm, boolean qopAuth, boolean stale) {
    }

    /**
     * Parses a challenge header value ({@code Digest realm="x", nonce="y", ...}); null when it is not a
     * digest challenge we can answer (another scheme, no nonce, an algorithm we lack, auth-int only).
     */
    public static Challenge parse(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        String v = headerValue.trim();
        if (!v.regionMatches(true, 0, "Digest", 0, 6)) {
            return null;
        }
        Map<String, String> p = params(v.substring(6));
        String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
        if (!algorithm.equals("MD5") && !algorithm.equals("SHA-256")) {
            return null;
        }
        String qop = p.get("qop");
        boolean qopAuth = false;
        if (qop != null) {
            for (String q : qop.split(",")) {
                qopAuth |= q.trim().equalsIgnoreCase("auth");
            }
            if (!qopAuth) {
                return null;
            }
        }
        if (p.get("nonce") == null) {
            return null;
        }
        return new Challenge(p.getOrDefault("realm", ""), p.get("nonce"), p.get("opaque"), algorithm, qopAuth,
                "true".equalsIgnoreCase(p.get("stale")));
    }

    /** The credentials header value answering {@code c} for {@code method} on {@code uri}. */
    public static String authorization(Challenge c, String method, String uri, String username, String password, int nonceCount) {
        String ha1 = DigestAuth.hash(c.algorithm(), username + ":" + c.realm() + ":" + password);
        String ha2 = DigestAuth.hash(c.algorithm(), method + ":" + uri);
        StringBuilder h = new StringBuilder("Digest username=\"").append(username).append("\", realm=\"").append(c.realm())
                .append("\", nonce=\"").append(c.nonce()).append("\", uri=\"").append(uri).append('"');
        if (c.qopAuth()) {
            String nc = String.format("%08x", nonceCount);
            String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
            String response = DigestAuth.hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            h.append(", response=\"").append(response).append("\", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            h.append(", response=\"").append(DigestAuth.hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + ha2)).append('"');
        }
        h.append(", algorithm=").append(c.algorithm());
        if (c.opaque() != null) {
            h.append(", opaque=\"").append(c.opaque()).append('"');
        }
        return h.toString();
    }

    /** {@code a="b", c=d} into a map with lower-case names, quotes removed. */
    private static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String value;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                i++;
                value = b.toString();
            } else {
                int end = s.indexOf(',', i);
                value = (end < 0 ? s.substring(i) : s.substring(i, end)).trim();
                i = end < 0 ? n : end;
            }
            out.put(name, value);
        }
        return out;
    }
}
