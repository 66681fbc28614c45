package io.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Digest authentication (RFC 2617 qop=auth, RFC 8760 SHA-256) against responses computed independently. */
class DigestAuthTest {
    private static final String REALM = "switchboard.local";
    private static final String URI = "sip:switchboard.local";
    private static final Map<String, String> PASSWORDS = Map.of("1000", "s3cret-1000", "1001", "other");
    private static final Function<String, Optional<String>> LOOKUP = u -> Optional.ofNullable(PASSWORDS.get(u));

    private final ManualClock clock = new ManualClock();
    private final DigestAuth auth = new DigestAuth(REALM, List.of("MD5", "SHA-256"), Duration.ofSeconds(300), clock);

    private String nonce() {
        return DigestCalc.param(auth.challenges(false).get(0), "nonce");
    }

    static SIPRequest register(String... authorization) {
        StringBuilder sb = new StringBuilder()
                .append("REGISTER sip:switchboard.local SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-reg\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:1000@switchboard.local>;tag=f1\r\n")
                .append("To: <sip:1000@switchboard.local>\r\n")
                .append("Call-ID: reg-1@192.0.2.10\r\n")
                .append("CSeq: 1 REGISTER\r\n");
        for (String a : authorization) {
            sb.append("Authorization: ").append(a).append("\r\n");
        }
        sb.append("Content-Length: 0\r\n\r\n");
        try {
            return (SIPRequest) new StringMsgParser().parseSIPMessage(sb.toString().getBytes(StandardCharsets.UTF_8), true, false, null);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private DigestAuth.Result verify(String authorization) {
        return auth.verify(register(authorization), "Authorization", LOOKUP);
    }

    private String creds(String alg, String password, String nonce, String nc) {
        return DigestCalc.authorization(alg, "1000", REALM, password, "REGISTER", URI, nonce, nc, "0a4f113b");
    }

    @Test
    void md5WithQopAuthIsAccepted() {
        assertThat(verify(creds("MD5", "s3cret-1000", nonce(), "00000001"))).isEqualTo(new DigestAuth.Ok("1000"));
    }

    @Test
    void sha256WithQopAuthIsAccepted() {
        assertThat(verify(creds("SHA-256", "s3cret-1000", nonce(), "00000001"))).isEqualTo(new DigestAuth.Ok("1000"));
    }

    @Test
    void responseMatchesTheRfc2617WorkedExample() {
        // RFC 2617 §3.5: the example's request-digest, to prove the independent calculator right.
        assertThat(DigestCalc.response("MD5", "Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b")).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void missingAlgorithmMeansMd5() {
        String n = nonce();
        String r = DigestCalc.response("MD5", "1000", REALM, "s3cret-1000", "REGISTER", URI, n, "00000001", "c1");
        String header = "Digest username=\"1000\", realm=\"" + REALM + "\", nonce=\"" + n + "\", uri=\"" + URI
                + "\", response=\"" + r + "\", cnonce=\"c1\", qop=auth, nc=00000001";
        assertThat(verify(header)).isEqualTo(new DigestAuth.Ok("1000"));
    }

    @Test
    void wrongPasswordFails() {
        assertThat(verify(creds("MD5", "guess", nonce(), "00000001"))).isInstanceOf(DigestAuth.Failed.class);
        assertThat(verify(creds("SHA-256", "guess", nonce(), "00000001"))).isInstanceOf(DigestAuth.Failed.class);
    }

    @Test
    void unknownUserFails() {
        String n = nonce();
        String header = DigestCalc.authorization("MD5", "4242", REALM, "x", "REGISTER", URI, n, "00000001", "c");
        assertThat(verify(header)).isEqualTo(new DigestAuth.Failed("4242", "unknown user"));
    }

    @Test
    void aNonceWeDidNotIssueFails() {
        String foreign = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        assertThat(verify(creds("MD5", "s3cret-1000", foreign, "00000001"))).isInstanceOf(DigestAuth.Failed.class);
        assertThat(verify(creds("MD5", "s3cret-1000", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001")))
                .isInstanceOf(DigestAuth.Failed.class);
        assertThat(verify(creds("MD5", "s3cret-1000", "not*base64!", "00000001"))).isInstanceOf(DigestAuth.Failed.class);
    }

    @Test
    void aTamperedNonceFailsEvenWithTheRightPassword() {
        String n = nonce();
        byte[] raw = Base64.getUrlDecoder().decode(n);
        raw[0] ^= 0x01; // move the issue time: the HMAC no longer matches
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThat(verify(creds("MD5", "s3cret-1000", tampered, "00000001")))
                .isEqualTo(new DigestAuth.Failed("1000", "nonce not issued by us"));
    }

    @Test
    void anExpiredNonceWithTheRightPasswordIsStale() {
        String n = nonce();
        clock.advance(Duration.ofSeconds(300));
        assertThat(verify(creds("MD5", "s3cret-1000", n, "00000001"))).isEqualTo(new DigestAuth.Ok("1000"));
        clock.advance(Duration.ofMillis(1));
        assertThat(verify(creds("MD5", "s3cret-1000", n, "00000002"))).isEqualTo(new DigestAuth.Stale());
        assertThat(verify(creds("MD5", "wrong", n, "00000003"))).as("stale only helps the right password")
                .isInstanceOf(DigestAuth.Failed.class);
    }

    @Test
    void aReplayedNonceCountFailsAndAHigherOneIsAccepted() {
        String n = nonce();
        assertThat(verify(creds("MD5", "s3cret-1000", n, "00000001"))).isInstanceOf(DigestAuth.Ok.class);
        assertThat(verify(creds("MD5", "s3cret-1000", n, "00000001")))
                .isEqualTo(new DigestAuth.Failed("1000", "replayed nonce-count"));
        assertThat(verify(creds("MD5", "s3cret-1000", n, "00000002"))).isInstanceOf(DigestAuth.Ok.class);
        // nc is hexadecimal (RFC 2617 §3.2.2): 0x10 follows 0x02, and 0x0a is then a step back.
        assertThat(verify(creds("SHA-256", "s3cret-1000", n, "00000010"))).isInstanceOf(DigestAuth.Ok.class);
        assertThat(verify(creds("MD5", "s3cret-1000", n, "0000000a"))).isInstanceOf(DigestAuth.Failed.class);
        // Each nonce has its own count.
        assertThat(verify(creds("MD5", "s3cret-1000", nonce(), "00000001"))).isInstanceOf(DigestAuth.Ok.class);
    }

    @Test
    void withoutQopAResponseIsAcceptedOnlyOnce() {
        String n = nonce();
        String r = DigestCalc.responseNoQop("MD5", "1000", REALM, "s3cret-1000", "REGISTER", URI, n);
        String header = "Digest username=\"1000\", realm=\"" + REALM + "\", nonce=\"" + n + "\", uri=\"" + URI
                + "\", response=\"" + r + "\", algorithm=MD5";
        assertThat(verify(header)).isEqualTo(new DigestAuth.Ok("1000"));
        assertThat(verify(header)).isInstanceOf(DigestAuth.Failed.class);
    }

    @Test
    void credentialsForAnotherRealmOrNoneAtAllAreMissing() {
        String n = nonce();
        String header = DigestCalc.authorization("MD5", "1000", "elsewhere.example", "s3cret-1000", "REGISTER", URI, n, "00000001", "c");
        assertThat(verify(header)).isEqualTo(new DigestAuth.Missing());
        assertThat(auth.verify(register(), "Authorization", LOOKUP)).isEqualTo(new DigestAuth.Missing());
        assertThat(auth.verify(register(creds("MD5", "s3cret-1000", n, "00000001")), "Proxy-Authorization", LOOKUP))
                .isEqualTo(new DigestAuth.Missing());
    }

    @Test
    void ourRealmIsFoundAmongSeveralAuthorizationHeaders() {
        String n = nonce();
        String other = DigestCalc.authorization("MD5", "1000", "elsewhere.example", "x", "REGISTER", URI, n, "00000001", "c");
        SIPRequest req = register(other, creds("MD5", "s3cret-1000", n, "00000001"));
        assertThat(auth.verify(req, "Authorization", LOOKUP)).isEqualTo(new DigestAuth.Ok("1000"));
    }

    @Test
    void eitherSupportedAlgorithmIsAcceptedWhateverWasChallenged() {
        DigestAuth md5Only = new DigestAuth(REALM, List.of("MD5"), Duration.ofSeconds(300), clock);
        String n = DigestCalc.param(md5Only.challenges(false).get(0), "nonce");
        assertThat(md5Only.verify(register(creds("SHA-256", "s3cret-1000", n, "00000001")), "Authorization", LOOKUP))
                .isEqualTo(new DigestAuth.Ok("1000"));
        assertThat(md5Only.verify(register(creds("MD5", "s3cret-1000", n, "00000002")), "Authorization", LOOKUP))
                .isEqualTo(new DigestAuth.Ok("1000"));
    }

    @Test
    void challengesListAlgorithmsInConfiguredOrderWithQopAuth() {
        DigestAuth shaFirst = new DigestAuth(REALM, List.of("SHA-256", "MD5"), Duration.ofSeconds(300), clock);
        List<String> c = shaFirst.challenges(false);
        assertThat(c).hasSize(2);
        assertThat(c.get(0)).startsWith("Digest ").contains("algorithm=SHA-256").contains("qop=\"auth\"")
                .contains("realm=\"" + REALM + "\"").doesNotContain("stale");
        assertThat(c.get(1)).contains("algorithm=MD5").contains("qop=\"auth\"");
        assertThat(DigestCalc.param(c.get(0), "nonce")).isEqualTo(DigestCalc.param(c.get(1), "nonce"));
        assertThat(shaFirst.challenges(true)).allSatisfy(s -> assertThat(s).contains("stale=true"));
        assertThat(DigestCalc.param(shaFirst.challenges(false).get(0), "nonce")).as("a fresh nonce each time")
                .isNotEqualTo(DigestCalc.param(c.get(0), "nonce"));
    }
}
