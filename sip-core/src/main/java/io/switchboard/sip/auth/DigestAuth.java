package io.switchboard.sip.auth;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.core.id.Ids;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP digest authentication for SIP (RFC 3261 §22, RFC 2617 {@code qop=auth}, RFC 8760 SHA-256).
 * Nonces are stateless (timestamp + random + HMAC under a per-process key), expire after the nonce
 * lifetime ({@code stale=true} afterwards, so clients retry without asking the user), and every
 * nonce-count is accepted once: a replayed or decreasing {@code nc} fails. Thread-safe.
 */
public final class DigestAuth {

    /** The verdict on a request's credentials. */
    public sealed interface Result permits Ok, Missing, Stale, Failed { }

    /** Valid credentials of {@code username}. */
    public record Ok(String username) implements Result { }

    /** No credentials for our realm: challenge. */
    public record Missing() implements Result { }

    /** Right password, expired nonce: challenge again with {@code stale=true}. */
    public record Stale() implements Result { }

    /** Wrong password, unknown user, forged or replayed nonce: {@code reason} is for the log. */
    public record Failed(String username, String reason) implements Result { }

    private static final int NONCE_BYTES = 8 + 8 + 16;

    private final String realm;
    private final List<String> algorithms;
    private final Duration lifetime;
    private final InstantSource clock;
    private final byte[] key = Ids.secureBytes(32);
    private final ThreadLocal<Mac> macs;
    /** Highest nonce-count seen, by the nonce's 64 random bits (compact: one entry per nonce in use). */
    private final ConcurrentHashMap<Long, Long> lastNonceCount = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Used> usedOrder = new ConcurrentLinkedQueue<>();

    private record Used(Long nonceId, long expiresMillis) { }

    public DigestAuth(String realm, List<String> algorithms, Duration lifetime, InstantSource clock) {
        this.realm = realm;
        this.algorithms = List.copyOf(algorithms);
        this.lifetime = lifetime;
        this.clock = clock;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    public String realm() {
        return realm;
    }

    /** Challenge header values, one per algorithm in configured order (RFC 8760 §2.4). */
    public List<String> challenges(boolean stale) {
        String nonce = newNonce();
        List<String> out = new ArrayList<>(algorithms.size());
        for (String alg : algorithms) {
            out.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + alg + ", qop=\"auth\""
                    + (stale ? ", stale=true" : ""));
        }
        return out;
    }

    /**
     * Checks the {@code header} credentials (Authorization or Proxy-Authorization) of {@code request};
     * {@code passwordFor} gives the password of a user, empty when unknown.
     */
    public Result verify(SIPRequest request, String header, Function<String, Optional<String>> passwordFor) {
        ListIterator<?> it = request.getHeaders(header);
        AuthenticationHeader creds = null;
        while (it != null && it.hasNext()) {
            Object h = it.next();
            if (h instanceof AuthenticationHeader a && "Digest".equalsIgnoreCase(a.getScheme()) && realm.equals(a.getRealm())) {
                creds = a;
                break;
            }
        }
        if (creds == null) {
            return new Missing();
        }
        String username = creds.getUsername();
        String nonce = creds.getNonce();
        String response = creds.getResponse();
        if (username == null || nonce == null || response == null || creds.getURI() == null) {
            return new Failed(username, "incomplete credentials");
        }
        String algorithm = creds.getAlgorithm() == null ? "MD5" : creds.getAlgorithm().toUpperCase(Locale.ROOT);
        if (!algorithm.equals("MD5") && !algorithm.equals("SHA-256")) {
            return new Failed(username, "unsupported algorithm " + algorithm);
        }
        byte[] raw = decodeNonce(nonce);
        long issued = raw == null ? -1 : ByteBuffer.wrap(raw).getLong();
        if (issued < 0) {
            return new Failed(username, "nonce not issued by us");
        }
        Optional<String> password = passwordFor.apply(username);
        if (password.isEmpty()) {
            return new Failed(username, "unknown user");
        }
        String qop = creds.getQop();
        String uri = creds.getURI().toString();
        String nc = null;
        String cnonce = creds.getCNonce();
        if (qop != null) {
            if (!"auth".equalsIgnoreCase(qop) || cnonce == null) {
                return new Failed(username, "unsupported qop " + qop);
            }
            nc = hex8(creds.getNonceCount());
        }
        String ha1 = hash(algorithm, username + ":" + realm + ":" + password.get());
        String ha2 = hash(algorithm, request.getMethod() + ":" + uri);
        String expected = qop == null
                ? hash(algorithm, ha1 + ":" + nonce + ":" + ha2)
                : hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop.toLowerCase(Locale.ROOT) + ":" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new Failed(username, "wrong password");
        }
        long now = clock.millis();
        if (now - issued > lifetime.toMillis()) {
            return new Stale();
        }
        long count = qop == null ? Long.MAX_VALUE : creds.getNonceCount() & 0xffffffffL;
        if (!acceptCount(ByteBuffer.wrap(raw).getLong(8), count, issued + lifetime.toMillis(), now)) {
            return new Failed(username, "replayed nonce-count");
        }
        return new Ok(username);
    }

    /** Accepts a nonce-count only if it is higher than any seen with this nonce (RFC 2617 §3.2.2). */
    private boolean acceptCount(Long nonce, long count, long expiresMillis, long now) {
        Used head;
        while ((head = usedOrder.peek()) != null && head.expiresMillis() < now) {
            usedOrder.poll();
            lastNonceCount.remove(head.nonceId());
        }
        boolean[] accepted = {false};
        boolean[] fresh = {false};
        lastNonceCount.compute(nonce, (k, last) -> {
            if (last == null) {
                fresh[0] = true;
                accepted[0] = true;
                return count;
            }
            if (count != Long.MAX_VALUE && count > last) {
                accepted[0] = true;
                return count;
            }
            return last;
        });
        if (fresh[0]) {
            usedOrder.add(new Used(nonce, expiresMillis));
        }
        return accepted[0];
    }

    private String newNonce() {
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
        b.putLong(clock.millis());
        b.put(Ids.secureBytes(8));
        Mac mac = macs.get();
        mac.update(b.array(), 0, 16);
        b.put(mac.doFinal(), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** The bytes of a nonce we minted (timestamp, random, MAC), or null when it is not ours. */
    private byte[] decodeNonce(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != NONCE_BYTES) {
            return null;
        }
        Mac mac = macs.get();
        mac.update(raw, 0, 16);
        byte[] sig = mac.doFinal();
        for (int i = 0; i < 16; i++) {
            if (sig[i] != raw[16 + i]) {
                return null;
            }
        }
        return raw;
    }

    private static String hex8(int value) {
        String h = Integer.toHexString(value);
        return "00000000".substring(h.length()) + h;
    }

    static String hash(String algorithm, String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256".equals(algorithm) ? "SHA-256" : "MD5");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
