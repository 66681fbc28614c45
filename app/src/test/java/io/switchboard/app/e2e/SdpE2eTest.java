package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Offer/answer corner cases of the anchored B2BUA: a caller that sends no offer gets the switch's offer
 * in the 200 and answers in its ACK (the callee meanwhile got the switch's own offer), and a caller whose
 * only codec the switch lacks gets 488 with Warning 305 before any callee is disturbed.
 */
class SdpE2eTest {

    @Test
    void anOfferlessInviteGetsTheSwitchsOfferAndAnswersInTheAck() {
        try (TestSwitch sw = TestSwitch.start()) {
            int uasPort = FreePorts.udpAndTcp();
            E2e.register(sw, Sipp.Transport.UDP, "offerless", "1002", uasPort);
            try (SippProcess uas = E2e.uas("uas-answer.xml", "offerless", sw, Sipp.Transport.UDP, "1002", uasPort, 1)) {
                SippResult caller = E2e.uac("uac-offerless.xml", "offerless", sw, Sipp.Transport.UDP, "1001", "1002").run();
                SippResult callee = uas.awaitExit(Duration.ofSeconds(15));
                E2e.assertCalls(1, caller, callee);
                // the callee got a full offer from the switch although the caller sent none
                assertThat(callee.messages()).contains("m=audio").contains("a=rtpmap:0 PCMU/8000");
            }
            assertThat(sw.switchboard().sip().media().stats().get("portsInUse")).isEqualTo(0);
        }
    }

    @Test
    void noCommonCodecIsRefusedWith488AndWarning305() {
        try (TestSwitch sw = TestSwitch.start()) {
            E2e.register(sw, Sipp.Transport.UDP, "no-codec", "1002", FreePorts.udpAndTcp());
            SippResult caller = E2e.uac("uac-expect-488.xml", "no-codec", sw, Sipp.Transport.UDP, "1001", "1002").run();
            E2e.assertCalls(1, caller);
            assertThat(sw.switchboard().sip().media().stats().get("portsInUse")).isEqualTo(0);
        }
    }
}
