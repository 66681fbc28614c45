package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
