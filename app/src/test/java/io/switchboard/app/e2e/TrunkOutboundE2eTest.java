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
import org.junit.jupiter.api.Test;

/**
 * An extension calls a mobile number: the first trunk (E.164 format) answers 503, the call fails
 * over to the second (national format) and completes, presenting the hotline number as caller ID.
 * An international number is refused (403) for an extension without that permission.
 */
class TrunkOutboundE2eTest {

    @Test
    void failsOverOnTrunk503WithEachCarriersNumberFormatAndRefusesInternational() {
        int carrierA = FreePorts.udpAndTcp();
        int carrierB = FreePorts.udpAndTcp();
        int sipPort = FreePorts.udpAndTcp();
        try (TestSwitch sw = TestSwitch.startWithConf(conf(carrierA, carrierB), sipPort);
                SippProcess a = E2e.uas("uas-503.xml", "outbound-carrier-a", sw, Sipp.Transport.UDP, "carrier-a", carrierA, 1);
                SippProcess b = E2e.uas("uas-answer.xml", "outbound-carrier-b", sw, Sipp.Transport.UDP, "carrier-b", carrierB, 1)) {
            SippResult caller = E2e.uac("uac-call.xml", "outbound", sw, Sipp.Transport.UDP, "1001", "13800138000").run();
            SippResult first = a.awaitExit(Duration.ofSeconds(15));
            SippResult second = b.awaitExit(Duration.ofSeconds(15));
            E2e.assertCalls(1, caller, first, second);
            assertThat(first.messages()).contains("INVITE sip:+8613800138000@127.0.0.1:" + carrierA);
            assertThat(second.messages()).contains("INVITE sip:13800138000@127.0.0.1:" + carrierB)
                    .contains("From: <sip:4008001234@");

            SippResult international = E2e.uac("uac-expect-403.xml", "outbound-international", sw, Sipp.Transport.UDP, "1001", "+16502530000").run();
            E2e.assertCalls(1, international);
        }
    }

    /**
     * A trunk whose OPTIONS keepalive gets 503 is marked down and skipped: the call goes straight to the
     * next trunk, and the down carrier never sees an INVITE (its SIPp would fail that call).
     */
    @Test
    void aTrunkDownByKeepaliveIsSkipped() {
        int carrierA = FreePorts.udpAndTcp();
        int carrierB = FreePorts.udpAndTcp();
        int sipPort = FreePorts.udpAndTcp();
        try (SippProcess a = Sipp.scenario(E2e.scenario("uas-options-503.xml")).name("keepalive-carrier-a").remote("127.0.0.1", sipPort)
                .localPort(carrierA).calls(1000).timeout(Duration.ofSeconds(60)).recvTimeout(Duration.ofSeconds(30)).start()
                .awaitReady(E2e.UAS_READY);
                TestSwitch sw = TestSwitch.startWithConf(E2e.conf("conf-keepalive-", "", """
                        trunks:
                          - name: carrier-a
                            to: 127.0.0.1:%d
                            keepalive: 5s
                            callerId: "4008001234"
                          - name: carrier-b
                            to: 127.0.0.1:%d
                            callerId: "4008001234"
                        outbound:
                          - kinds: [mobile]
                            trunks: [carrier-a, carrier-b]
                        """.formatted(carrierA, carrierB)), sipPort);
                SippProcess b = E2e.uas("uas-answer.xml", "keepalive-carrier-b", sw, Sipp.Transport.UDP, "carrier-b", carrierB, 1)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(trunk(sw, "carrier-a")).containsEntry("usable", false));
            assertThat(String.valueOf(trunk(sw, "carrier-a").get("keepalive"))).startsWith("down (503");
            SippResult caller = E2e.uac("uac-call.xml", "keepalive-outbound", sw, Sipp.Transport.UDP, "1001", "13800138000").run();
            E2e.assertCalls(1, caller, b.awaitExit(Duration.ofSeconds(15)));
            SippResult down = a.stop();
            assertThat(down.messages()).contains("OPTIONS sip:127.0.0.1:" + carrierA).doesNotContain("INVITE sip:");
            assertThat(down.failed()).isZero();
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> trunk(TestSwitch sw, String name) {
        return (java.util.Map<String, Object>) ((java.util.Map<String, Object>) sw.switchboard().sip().stats().get("trunks")).get(name);
    }

    private static Path conf(int carrierA, int carrierB) {
        return E2e.conf("conf-outbound-", "", """
                trunks:
                  - name: carrier-a
                    to: 127.0.0.1:%d
                    format: e164
                    callerId: "4008001234"
                  - name: carrier-b
                    to: 127.0.0.1:%d
                    format: national
                    callerId: "4008001234"
                outbound:
                  - kinds: [mobile, fixed, hotline-400]
                    trunks: [carrier-a, carrier-b]
                  - kinds: [international]
                    trunks: [carrier-b]
                    extensions: ["1003"]
                """.formatted(carrierA, carrierB));
    }
}
