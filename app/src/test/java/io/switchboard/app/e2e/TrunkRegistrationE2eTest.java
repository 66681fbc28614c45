package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A registration trunk: the switch registers with a SIPp "carrier registrar" that challenges with digest
 * (the credentials are checked by SIPp), re-registers before the granted 4 s run out (challenged again,
 * new nonce), shows the trunk registered in {@code /health}; then an extension's call to a mobile number
 * goes out over that trunk, whose carrier challenges the INVITE with 401 and checks our credentials.
 */
class TrunkRegistrationE2eTest {
    private static final String USER = "0105551234";
    private static final String PASSWORD = "test-only-secret";

    @Test
    void registersWithDigestReRegistersBeforeExpiryAndAnswersTheCarriersChallenge() {
        int registrarPort = FreePorts.udpAndTcp();
        int carrierPort = FreePorts.udpAndTcp();
        int sipPort = FreePorts.udpAndTcp();
        try (SippProcess registrar = Sipp.scenario(E2e.scenario("uas-registrar-digest.xml")).name("trunk-registrar")
                .remote("127.0.0.1", sipPort).localPort(registrarPort).calls(1).key("user", USER).key("password", PASSWORD)
                .key("expires", "4").timeout(Duration.ofSeconds(30)).recvTimeout(Duration.ofSeconds(20)).start()
                .awaitReady(E2e.UAS_READY);
                TestSwitch sw = TestSwitch.startWithConf(conf(registrarPort, carrierPort), sipPort)) {
            SippResult reg = registrar.awaitExit(Duration.ofSeconds(20));
            E2e.assertCalls(1, reg);
            assertThat(reg.messages()).contains("REGISTER sip:127.0.0.1:" + registrarPort).contains("From: <sip:" + USER + "@127.0.0.1>");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(trunk(sw)).containsEntry("registration", "registered"));

            try (SippProcess carrier = Sipp.scenario(E2e.scenario("uas-challenge-answer.xml")).name("trunk-challenge")
                    .remote("127.0.0.1", sipPort).localPort(carrierPort).calls(1).key("user", USER).key("password", PASSWORD)
                    .timeout(Duration.ofSeconds(30)).recvTimeout(Duration.ofSeconds(20)).start().awaitReady(E2e.UAS_READY)) {
                SippResult caller = E2e.uac("uac-call.xml", "trunk-reg-outbound", sw, Sipp.Transport.UDP, "1001", "13800138000").run();
                SippResult callee = carrier.awaitExit(Duration.ofSeconds(15));
                E2e.assertCalls(1, caller, callee);
                assertThat(callee.messages()).contains("INVITE sip:13800138000@127.0.0.1:" + carrierPort)
                        .contains("Authorization: Digest username=\"" + USER + "\"");
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(trunk(sw)).containsEntry("channels", 0));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> trunk(TestSwitch sw) {
        Map<String, Object> trunks = (Map<String, Object>) sw.switchboard().sip().stats().get("trunks");
        return (Map<String, Object>) trunks.get("carrier-reg");
    }

    private static Path conf(int registrarPort, int carrierPort) {
        return E2e.conf("conf-trunk-reg-", "", """
                trunks:
                  - name: carrier-reg
                    type: register
                    registrar: 127.0.0.1:%d
                    to: 127.0.0.1:%d
                    username: "%s"
                    password: "%s"
                    expires: 60
                    format: national
                    callerId: "4008001234"
                inbound: []
                outbound:
                  - kinds: [mobile]
                    trunks: [carrier-reg]
                """.formatted(registrarPort, carrierPort, USER, PASSWORD));
    }
}
