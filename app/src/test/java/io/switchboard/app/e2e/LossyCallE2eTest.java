package io.switchboard.app.e2e;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Calls still complete when both SIPp sides lose 10 % of the packets they send and receive ({@code -lost 10}):
 * the switch's transactions must recover by retransmission (RFC 3261 §17). UDP only: SIPp's {@code -lost}
 * over TCP drops bytes of a reliable stream, which no retransmission repairs.
 */
class LossyCallE2eTest {
    private static final int CALLS = 20;

    @Test
    void twentyCallsCompleteWithTenPercentLossOnBothSides() {
        Sipp.Transport t = Sipp.Transport.UDP;
        try (TestSwitch sw = TestSwitch.start()) {
            int uasPort = FreePorts.udpAndTcp();
            E2e.register(sw, t, "lossy", "1002", uasPort);
            try (SippProcess uas = Sipp.scenario(E2e.scenario("uas-answer.xml")).name("lossy-uas-udp")
                    .remote("127.0.0.1", sw.sipPort()).transport(t).localPort(uasPort).service("1002")
                    .calls(CALLS).limit(CALLS).lost(10).arg("-rtcheck", "loose")
                    .timeout(Duration.ofSeconds(150)).recvTimeout(Duration.ofSeconds(60)).start().awaitReady(E2e.UAS_READY)) {
                SippResult uac = E2e.uac("uac-call.xml", "lossy", sw, t, "1001", "1002")
                        .calls(CALLS).rate(4).limit(CALLS).lost(10).arg("-rtcheck", "loose")
                        .timeout(Duration.ofSeconds(150)).recvTimeout(Duration.ofSeconds(45)).run();
                SippResult callee = uas.awaitExit(Duration.ofSeconds(60));
                // Every call completes end to end for the caller. The callee SIPp must have received every
                // call, but its rigid script can itself abort a call whose ACK races a 200 it is re-sending
                // (when our ACK is lost, its 200 retransmission 500 ms later meets the caller's BYE: about 5 %
                // of calls, so 0-4 of 20 with the switch's messages all correct), so a few callee-side
                // failures alone do not fail the test.
                E2e.assertCalls(CALLS, uac);
                org.assertj.core.api.Assertions.assertThat(callee.successful() + callee.failed())
                        .as(() -> "calls that reached the callee\n" + callee.describe()).isEqualTo(CALLS);
                org.assertj.core.api.Assertions.assertThat(callee.successful())
                        .as(() -> "calls the callee completed\n" + callee.describe()).isGreaterThanOrEqualTo(CALLS - 4);
            }
        }
    }
}
