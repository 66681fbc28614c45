package io.switchboard.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.config.Config;
import io.switchboard.sip.SipConfig;
import io.switchboard.sip.auth.DigestAuth;
import io.switchboard.sip.auth.DigestCalc;
import io.switchboard.sip.auth.ManualClock;
import io.switchboard.sip.directory.Directory;
import io.switchboard.sip.directory.Extension;
import io.switchboard.sip.policy.AbusePolicy;
import io.switchboard.sip.transaction.Destination;
import io.switchboard.sip.transaction.RecordingWire;
import io.switchboard.sip.transaction.Sip;
import io.switchboard.sip.transaction.TimerConfig;
import io.switchboard.sip.transaction.TransactionCounters;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Transport;
import io.switchboard.core.lane.VirtualLane;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registrar end to end in memory (RFC 3261 §10.3): REGISTER requests written as text go through
 * a real server transaction on a virtual-time lane; responses are read back from the recording wire.
 */
class RegistrarTest {
    private static final String DOMAIN = "switchboard.local";

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock();
    private final VirtualLane lane = new VirtualLane();
    private final RecordingWire wire = new RecordingWire(lane);
    private final TransactionCounters counters = new TransactionCounters();
    private final TransactionLayer layer = new TransactionLayer(lane, wire,
            new TimerConfig(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5)), counters, 1000);
    private final Flow flow = new Flow(Transport.UDP, new InetSocketAddress("192.0.2.10", 5070), null);
    private SipConfig config;
    private DigestAuth auth;
    private AbusePolicy policy;
    private BindingStore store;
    private Registrar registrar;
    private int branch;
    private long cseq = 1;

    @BeforeEach
    void setUp() {
        config = SipConfig.from(Config.builder().declare(SipConfig.keys())
                .set("sip.domain=" + DOMAIN)
                .set("sip.registrar.minExpires=60s")
                .set("sip.registrar.maxExpires=3600s")
                .set("sip.registrar.defaultExpires=1800s")
                .set("sip.policy.authFailuresBeforeBan=5")
                .set("sip.auth.algorithms=MD5,SHA-256")
                .build());
        Directory directory = new Directory(List.of(
                new Extension("1000", "Alice", Optional.of("pw-1000"), Optional.empty(), false),
                new Extension("1001", "Bob", Optional.of("pw-1001"), Optional.empty(), false),
                new Extension("2000", "Door phone", Optional.empty(), Optional.of("sip:door@192.0.2.50"), false)));
        store = new BindingStore(dataDir, clock);
        auth = new DigestAuth(config.domain(), config.authAlgorithms(), config.nonceLifetime(), clock);
        policy = new AbusePolicy(config.requestsPerSecond(), config.requestBurst(), config.authFailuresBeforeBan(),
                config.banTime(), config.exempt(), clock);
        registrar = new Registrar(config, directory, store, auth, policy, clock);
    }

    @AfterEach
    void transactionsAreCleanAndEnd() {
        assertThat(counters.unhandledEvents()).isZero();
        lane.runUntilIdle();
        assertThat(layer.size()).isZero();
    }

    /** Builder for one REGISTER. */
    private final class Reg {
        String aor = "sip:1000@" + DOMAIN;
        String callId = "reg-call-1@192.0.2.10";
        long seq = cseq++;
        String user = "1000";
        String password = "pw-1000";
        boolean authenticate = true;
        String alg = "MD5";
        final List<String> extra = new ArrayList<>();

        Reg line(String header) {
            extra.add(header);
            return this;
        }

        SIPResponse send() {
            List<String> lines = new ArrayList<>(List.of(
                    "REGISTER sip:" + DOMAIN + " SIP/2.0",
                    "Via: SIP/2.0/UDP 192.0.2.10:5070;rport;branch=z9hG4bK-r" + (++branch),
                    "Max-Forwards: 70",
                    "From: <" + aor + ">;tag=from-" + branch,
                    "To: <" + aor + ">",
                    "Call-ID: " + callId,
                    "CSeq: " + seq + " REGISTER",
                    "User-Agent: unit-test/1.0"));
            lines.addAll(extra);
            if (authenticate) {
                String nonce = DigestCalc.param(auth.challenges(false).get(0), "nonce");
                lines.add("Authorization: " + DigestCalc.authorization(alg, user, DOMAIN, password, "REGISTER",
                        "sip:" + DOMAIN, nonce, "00000001", "cn" + branch));
            }
            lines.add("Content-Length: 0");
            return exchange(Sip.request(lines.toArray(String[]::new)));
        }
    }

    private SIPResponse exchange(SIPRequest req) {
        int before = wire.sent().size();
        TransactionLayer.Inbound in = layer.onRequest(req, Destination.of(flow));
        assertThat(in.disposition()).isEqualTo(TransactionLayer.Disposition.NEW);
        registrar.handle(in.transaction(), req, flow);
        assertThat(wire.sent()).hasSize(before + 1);
        return wire.last().response();
    }

    private Reg reg() {
        return new Reg();
    }

    /** Contact URI → expires, as listed in a 200. */
    private static Map<String, Integer> contacts(SIPResponse r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (r.getContactHeaders() == null) {
            return m;
        }
        for (Iterator<?> it = r.getContactHeaders().listIterator(); it.hasNext();) {
            Contact c = (Contact) it.next();
            m.put(c.getAddress().getURI().toString(), c.getExpires());
        }
        return m;
    }

    @Test
    void anUnauthenticatedRegisterIsChallengedWithEveryAlgorithmThenTheAnswerRegisters() {
        Reg first = reg().line("Contact: <sip:1000@192.0.2.10:5070>").line("Expires: 600");
        first.authenticate = false;
        SIPResponse challenge = first.send();
        assertThat(challenge.getStatusCode()).isEqualTo(401);
        assertThat(challenge.getTo().getTag()).isNotNull();
        List<String> www = new ArrayList<>();
        challenge.getHeaders("WWW-Authenticate").forEachRemaining(h -> www.add(h.toString()));
        assertThat(www).hasSize(2);
        assertThat(www.get(0)).contains("algorithm=MD5").contains("qop=\"auth\"").contains("realm=\"" + DOMAIN + "\"");
        assertThat(www.get(1)).contains("algorithm=SHA-256");
        assertThat(store.size()).isZero();

        // Answer the SHA-256 challenge with the nonce received.
        String nonce = DigestCalc.param(www.get(1).substring(www.get(1).indexOf(':') + 1).trim(), "nonce");
        SIPResponse ok = exchange(Sip.request(
                "REGISTER sip:" + DOMAIN + " SIP/2.0",
                "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK-answer",
                "Max-Forwards: 70",
                "From: <sip:1000@" + DOMAIN + ">;tag=f",
                "To: <sip:1000@" + DOMAIN + ">",
                "Call-ID: reg-call-1@192.0.2.10",
                "CSeq: " + cseq++ + " REGISTER",
                "Contact: <sip:1000@192.0.2.10:5070>",
                "Expires: 600",
                "Authorization: " + DigestCalc.authorization("SHA-256", "1000", DOMAIN, "pw-1000", "REGISTER", "sip:" + DOMAIN,
                        nonce, "00000001", "abcdef"),
                "Content-Length: 0"));
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(contacts(ok)).containsExactly(Map.entry("sip:1000@192.0.2.10:5070", 600));
    }

    @Test
    void anAuthenticatedRegisterIsBoundAndListedWithItsExpiry() {
        SIPResponse ok = reg().line("Contact: <sip:1000@192.0.2.10:5070;transport=udp>").line("Expires: 600").send();
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(contacts(ok)).containsExactly(Map.entry("sip:1000@192.0.2.10:5070;transport=udp", 600));
        assertThat(ok.getHeader("Date")).isNotNull();
        List<Binding> bound = store.get("1000");
        assertThat(bound).hasSize(1);
        assertThat(bound.get(0).transport()).isEqualTo("UDP");
        assertThat(bound.get(0).source()).isEqualTo("192.0.2.10:5070");
        assertThat(bound.get(0).userAgent()).isEqualTo("unit-test/1.0");
        clock.advance(Duration.ofSeconds(100));
        SIPResponse query = reg().send();
        assertThat(contacts(query)).containsExactly(Map.entry("sip:1000@192.0.2.10:5070;transport=udp", 500));
    }

    @Test
    void twoContactsWithTheirOwnExpiries() {
        SIPResponse ok = reg().line("Contact: <sip:1000@192.0.2.10:5070>;expires=120, <sip:1000@198.51.100.4:5060>")
                .line("Expires: 900").send();
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(contacts(ok)).containsOnly(Map.entry("sip:1000@192.0.2.10:5070", 120), Map.entry("sip:1000@198.51.100.4:5060", 900));
        Reg other = reg().line("Contact: <sip:1000@203.0.113.9>");
        other.callId = "another-device@203.0.113.9";
        SIPResponse three = other.send();
        assertThat(contacts(three)).hasSize(3).containsEntry("sip:1000@203.0.113.9", 1800);
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void anExpiryBelowTheMinimumGets423WithMinExpires() {
        SIPResponse r = reg().line("Contact: <sip:1000@192.0.2.10:5070>").line("Expires: 30").send();
        assertThat(r.getStatusCode()).isEqualTo(423);
        assertThat(r.getHeader("Min-Expires").toString()).contains("60");
        SIPResponse byParam = reg().line("Contact: <sip:1000@192.0.2.10:5070>;expires=59").send();
        assertThat(byParam.getStatusCode()).isEqualTo(423);
        assertThat(store.size()).isZero();
    }

    @Test
    void anExpiryAboveTheMaximumIsCutDown() {
        SIPResponse r = reg().line("Contact: <sip:1000@192.0.2.10:5070>").line("Expires: 100000").send();
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(contacts(r)).containsExactly(Map.entry("sip:1000@192.0.2.10:5070", 3600));
    }

    @Test
    void expiresZeroRemovesOneContact() {
        reg().line("Contact: <sip:1000@192.0.2.10:5070>, <sip:1000@198.51.100.4>").line("Expires: 600").send();
        SIPResponse r = reg().line("Contact: <sip:1000@198.51.100.4>;expires=0").send();
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(contacts(r)).containsOnlyKeys("sip:1000@192.0.2.10:5070");
        SIPResponse last = reg().line("Contact: <sip:1000@192.0.2.10:5070>").line("Expires: 0").send();
        assertThat(last.getStatusCode()).isEqualTo(200);
        assertThat(contacts(last)).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void starWithExpiresZeroRemovesAll() {
        reg().line("Contact: <sip:1000@192.0.2.10:5070>, <sip:1000@198.51.100.4>").line("Expires: 600").send();
        Reg other = reg().line("Contact: <sip:1000@203.0.113.9>");
        other.callId = "another-device";
        other.send();
        assertThat(store.size()).isEqualTo(3);
        SIPResponse r = reg().line("Contact: *").line("Expires: 0").send();
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(contacts(r)).isEmpty();
        assertThat(store.get("1000")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void starWithAnyOtherExpiryIsABadRequest() {
        reg().line("Contact: <sip:1000@192.0.2.10:5070>").line("Expires: 600").send();
        assertThat(reg().line("Contact: *").line("Expires: 600").send().getStatusCode()).isEqualTo(400);
        assertThat(reg().line("Contact: *").send().getStatusCode()).as("no Expires at all").isEqualTo(400);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aRegisterWithoutContactIsAQuery() {
        reg().line("Contact: <sip:1000@192.0.2.10:5070>, <sip:1000@198.51.100.4>").line("Expires: 600").send();
        SIPResponse q = reg().send();
        assertThat(q.getStatusCode()).isEqualTo(200);
        assertThat(contacts(q)).containsOnlyKeys("sip:1000@192.0.2.10:5070", "sip:1000@198.51.100.4");
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void anOutOfOrderCseqOnTheSameCallIdFails() {
        Reg newer = reg().line("Contact: <sip:1000@192.0.2.10:5070>").line("Expires: 600");
        newer.seq = 20;
        assertThat(newer.send().getStatusCode()).isEqualTo(200);
        Reg older = reg().line("Contact: <sip:1000@192.0.2.10:5070>").line("Expires: 0");
        older.seq = 19;
        assertThat(older.send().getStatusCode()).isEqualTo(500);
        assertThat(store.size()).as("the late removal did not apply").isEqualTo(1);
        Reg otherCall = reg().line("Contact: <sip:1000@192.0.2.10:5070>").line("Expires: 0");
        otherCall.seq = 1;
        otherCall.callId = "fresh-call-id";
        assertThat(otherCall.send().getStatusCode()).as("another Call-ID may update it").isEqualTo(200);
        assertThat(store.size()).isZero();
    }

    @Test
    void aUserCannotRegisterAnotherExtension() {
        Reg r = reg().line("Contact: <sip:evil@192.0.2.66>").line("Expires: 600");
        r.aor = "sip:1001@" + DOMAIN;
        SIPResponse resp = r.send();
        assertThat(resp.getStatusCode()).isEqualTo(403);
        assertThat(store.get("1001")).isEmpty();
    }

    @Test
    void anUnknownExtensionIsChallengedThenForbiddenLikeAWrongPassword() {
        Reg probe = reg().line("Contact: <sip:9999@192.0.2.10>").line("Expires: 600");
        probe.aor = "sip:9999@" + DOMAIN;
        probe.authenticate = false;
        assertThat(probe.send().getStatusCode()).as("no hint that 9999 does not exist").isEqualTo(401);

        Reg unknown = reg().line("Contact: <sip:9999@192.0.2.10>").line("Expires: 600");
        unknown.aor = "sip:9999@" + DOMAIN;
        unknown.user = "9999";
        unknown.password = "anything";
        SIPResponse unknownResp = unknown.send();

        Reg wrong = reg().line("Contact: <sip:1000@192.0.2.10>").line("Expires: 600");
        wrong.password = "not-the-password";
        SIPResponse wrongResp = wrong.send();

        assertThat(unknownResp.getStatusCode()).isEqualTo(403);
        assertThat(unknownResp.getReasonPhrase()).isEqualTo(wrongResp.getReasonPhrase());
        assertThat(wrongResp.getStatusCode()).isEqualTo(403);
        assertThat(store.size()).isZero();
    }

    @Test
    void anExtensionWithAStaticContactDoesNotRegister() {
        Reg r = reg().line("Contact: <sip:2000@192.0.2.10>").line("Expires: 600");
        r.aor = "sip:2000@" + DOMAIN;
        r.user = "2000";
        assertThat(r.send().getStatusCode()).isEqualTo(403);
    }

    @Test
    void aNonSipAddressOfRecordIsABadRequest() {
        Reg tel = reg().line("Contact: <sip:1000@192.0.2.10>");
        tel.aor = "tel:+15551234567";
        assertThat(tel.send().getStatusCode()).isEqualTo(400);
        Reg noUser = reg().line("Contact: <sip:1000@192.0.2.10>");
        noUser.aor = "sip:" + DOMAIN;
        assertThat(noUser.send().getStatusCode()).isEqualTo(400);
    }

    @Test
    void cparam01AContactParamOutsideAngleBracketsIsNotAUriParameter() {
        // RFC 4475 §3.1.1.12: without <>, ";unknownparam" belongs to the Contact header field.
        SIPResponse r = reg().line("Contact: sip:+19725552222@gw1.example.net;unknownparam").line("Expires: 600").send();
        assertThat(r.getStatusCode()).isEqualTo(200);
        Binding b = store.get("1000").get(0);
        assertThat(b.contact()).isEqualTo("sip:+19725552222@gw1.example.net");
        assertThat(b.contactParams()).isEqualTo("unknownparam");
        assertThat(contacts(r)).containsOnlyKeys("sip:+19725552222@gw1.example.net");
    }

    @Test
    void cparam02AUriParameterInsideAngleBracketsIsKeptInTheBinding() {
        // RFC 4475 §3.1.1.13: inside <>, ";unknownparam" is part of the URI.
        SIPResponse r = reg().line("Contact: <sip:+19725552222@gw1.example.net;unknownparam>").line("Expires: 600").send();
        assertThat(r.getStatusCode()).isEqualTo(200);
        Binding b = store.get("1000").get(0);
        assertThat(b.contact()).isEqualTo("sip:+19725552222@gw1.example.net;unknownparam");
        assertThat(b.contactParams()).isEmpty();
        assertThat(contacts(r)).containsOnlyKeys("sip:+19725552222@gw1.example.net;unknownparam");
    }

    @Test
    void headerParametersSuchAsTheInstanceIdAreKeptAndEchoed() {
        SIPResponse r = reg().line("Contact: <sip:1000@192.0.2.10:5070;ob>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1;expires=600")
                .send();
        assertThat(r.getStatusCode()).isEqualTo(200);
        Binding b = store.get("1000").get(0);
        assertThat(b.contact()).isEqualTo("sip:1000@192.0.2.10:5070;ob");
        assertThat(b.contactParams()).contains("+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"").contains("reg-id=1")
                .doesNotContain("expires");
        Contact echoed = (Contact) r.getContactHeaders().getFirst();
        assertThat(echoed.getParameter("+sip.instance")).contains("urn:uuid:00000000-0000-1000-8000-000A95A0E128");
        assertThat(echoed.getExpires()).isEqualTo(600);
    }

    @Test
    void anExpiredNonceIsChallengedAgainWithStale() {
        String nonce = DigestCalc.param(auth.challenges(false).get(0), "nonce");
        clock.advance(config.nonceLifetime().plusSeconds(1));
        SIPResponse r = exchange(Sip.request(
                "REGISTER sip:" + DOMAIN + " SIP/2.0",
                "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK-stale",
                "Max-Forwards: 70",
                "From: <sip:1000@" + DOMAIN + ">;tag=f",
                "To: <sip:1000@" + DOMAIN + ">",
                "Call-ID: stale@192.0.2.10",
                "CSeq: 1 REGISTER",
                "Contact: <sip:1000@192.0.2.10:5070>",
                "Authorization: " + DigestCalc.authorization("MD5", "1000", DOMAIN, "pw-1000", "REGISTER", "sip:" + DOMAIN,
                        nonce, "00000001", "x"),
                "Content-Length: 0"));
        assertThat(r.getStatusCode()).isEqualTo(401);
        assertThat(r.getHeader("WWW-Authenticate").toString()).contains("stale=true");
    }

    @Test
    void repeatedFailuresBanTheSource() {
        for (int i = 0; i < 5; i++) {
            Reg wrong = reg().line("Contact: <sip:1000@192.0.2.10>");
            wrong.password = "guess-" + i;
            assertThat(wrong.send().getStatusCode()).isEqualTo(403);
        }
        assertThat(policy.isBanned(flow.remote().getAddress())).isTrue();
    }
}
