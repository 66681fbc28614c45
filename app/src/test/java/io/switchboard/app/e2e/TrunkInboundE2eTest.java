package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Kamailio;
import io.switchboard.testkit.SipUdpProbe;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SIPp "carrier" on an IP trunk calls our hotline numbers in several notations: each reaches the
 * extension the dialplan names, with no digest challenge. Unknown DIDs get 404, a DID refused by the
 * dialplan gets its status. The same INVITE from an address that is not the trunk is never routed as a
 * carrier call: from an address where one of our phones registered it is challenged like any phone call,
 * from a stranger it is refused with 403 and counted.
 */
class TrunkInboundE2eTest {
    private static final List<String> NOTATIONS = List.of("4008001234", "+864008001234", "400-800-1234", "95555", "10101234");

    @Test
    void hotlineNumbersInEveryNotationReachTheirExtension() {
        int carrierPort = FreePorts.udpAndTcp();
        int sipPort = FreePorts.udpAndTcp();
        Path conf = conf(carrierPort);
        try (TestSwitch sw = TestSwitch.startWithConf(conf, sipPort)) {
            int uasPort = FreePorts.udpAndTcp();
            E2e.register(sw, Sipp.Transport.UDP, "trunk", "1002", uasPort);
            try (SippProcess uas = E2e.uas("uas-answer.xml", "trunk", sw, Sipp.Transport.UDP, "1002", uasPort, NOTATIONS.size())) {
                for (String dialled : NOTATIONS) {
                    E2e.assertCalls(1, carrier("uac-trunk-call.xml", "trunk-" + dialled.replace('+', 'p'), sw, carrierPort, dialled));
                }
                E2e.assertCalls(NOTATIONS.size(), uas.awaitExit(Duration.ofSeconds(15)));
            }
            E2e.assertCalls(1, carrier("uac-trunk-expect-404.xml", "trunk-unknown-did", sw, carrierPort, "4009999999"));
            E2e.assertCalls(1, carrier("uac-trunk-expect-403.xml", "trunk-refused-did", sw, carrierPort, "4006001234"));

            // 1002 registered from 127.0.0.1: a DID call from there, not from the trunk's port, is a phone's call
            assertThat(inviteFromElsewhere(sipPort, "4008001234", "from-a-phone")).contains(407);
        }
    }

    @Test
    void aStrangerCallingOurNumbersIsRefusedAndCounted() {
        int sipPort = FreePorts.udpAndTcp();
        try (TestSwitch sw = TestSwitch.startWithConf(conf(FreePorts.udpAndTcp()), sipPort)) {
            assertThat(inviteFromElsewhere(sipPort, "4008001234", "stranger-did")).contains(403);
            assertThat(inviteFromElsewhere(sipPort, "+86 400 800 1234".replace(" ", ""), "stranger-did-e164")).contains(403);
            // not one of our numbers: the usual challenge (it may be a phone about to authenticate)
            assertThat(inviteFromElsewhere(sipPort, "13912345678", "stranger-other")).contains(407);
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> policy = (java.util.Map<String, Object>) sw.switchboard().sip().stats().get("policy");
            assertThat(policy.get("nonTrunkCalls")).isEqualTo(2L);
        }
    }

    /**
     * The carrier's calls arrive through its SIP proxy: a real Kamailio (stateful, record-routing) in front
     * of the switch is the trunk's source; the call to 95555 reaches 1002 and the BYE finds its way back
     * through the proxy's Record-Route.
     */
    @Test
    void callsThroughTheCarriersKamailioProxyReachTheirExtension() {
        int kamailioPort = FreePorts.udpAndTcp();
        int sipPort = FreePorts.udpAndTcp();
        Path cfg = TestSwitch.repoRoot().resolve("bench/kamailio/kamailio-proxy.cfg");
        try (TestSwitch sw = TestSwitch.startWithConf(conf(kamailioPort), sipPort);
                Kamailio proxy = Kamailio.start("carrier-proxy", cfg, kamailioPort, "KAM_UAS_PORT=" + sipPort)) {
            int uasPort = FreePorts.udpAndTcp();
            E2e.register(sw, Sipp.Transport.UDP, "via-kamailio", "1002", uasPort);
            try (SippProcess uas = E2e.uas("uas-answer.xml", "via-kamailio", sw, Sipp.Transport.UDP, "1002", uasPort, 1)) {
                SippResult carrier = Sipp.scenario(E2e.scenario("uac-trunk-call.xml")).name("via-kamailio-carrier")
                        .remote("127.0.0.1", kamailioPort).transport(Sipp.Transport.UDP).localPort(FreePorts.udpAndTcp())
                        .service("95555").key("caller", "13800138000").timeout(E2e.SINGLE_CALL_TIMEOUT).recvTimeout(E2e.RECV_TIMEOUT).run();
                try {
                    E2e.assertCalls(1, carrier, uas.awaitExit(Duration.ofSeconds(15)));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- kamailio ---\n" + proxy.logText(), e);
                }
                assertThat(carrier.messages()).contains("Record-Route: <sip:127.0.0.1:" + kamailioPort);
            }
        }
    }

    private static java.util.Optional<Integer> inviteFromElsewhere(int sipPort, String dialled, String callId) {
        try (SipUdpProbe notTheCarrier = new SipUdpProbe()) {
            String invite = "INVITE sip:" + dialled + "@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + notTheCarrier.port() + ";branch=z9hG4bK-" + callId + ";rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:13800138000@127.0.0.1>;tag=nt\r\nTo: <sip:" + dialled + "@127.0.0.1>\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:x@127.0.0.1:" + notTheCarrier.port() + ">\r\n"
                    + "Content-Length: 0\r\n\r\n";
            notTheCarrier.send(invite.getBytes(StandardCharsets.US_ASCII), sipPort);
            await().atMost(Duration.ofSeconds(5)).until(() -> notTheCarrier.finalStatus(callId).isPresent());
            return notTheCarrier.finalStatus(callId);
        }
    }

    private static SippResult carrier(String scenario, String name, TestSwitch sw, int carrierPort, String dialled) {
        return Sipp.scenario(E2e.scenario(scenario)).name(name).remote("127.0.0.1", sw.sipPort()).transport(Sipp.Transport.UDP)
                .localPort(carrierPort).service(dialled).key("caller", "13800138000")
                .timeout(E2e.SINGLE_CALL_TIMEOUT).recvTimeout(E2e.RECV_TIMEOUT).run();
    }

    private static Path conf(int carrierPort) {
        return E2e.conf("conf-trunk-", "", """
                trunks:
                  - name: test-carrier
                    type: ip
                    from: ["127.0.0.1:%d"]
                inbound:
                  - did: +86 400 800 1234
                    extension: "1002"
                  - did: 95555
                    extension: "1002"
                  - did: 1010XXXX
                    extension: "1002"
                  - did: 4006XXXXXX
                    hangup: 403
                """.formatted(carrierPort));
    }
}
