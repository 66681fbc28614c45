package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.SipUdpProbe;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Loops and hop limits (RFC 3261 §16.3 steps 3–4, §8.2.2.2) and what OPTIONS advertises (§11.2). */
class ProtectionE2eTest {

    @Test
    void aCallThatComesBackToTheSwitchIsRefusedAsALoop() {
        int port = FreePorts.udpAndTcp();
        Path conf = E2e.conf("conf-loop-", "  - ext: \"1500\"\n    name: points back at the switch\n    contact: sip:loop@127.0.0.1:" + port + "\n", null);
        try (TestSwitch sw = TestSwitch.startWithConf(conf, port)) {
            SippResult uac = E2e.uac("uac-expect-482.xml", "loop", sw, Sipp.Transport.UDP, "1001", "1500").run();
            E2e.assertCalls(1, uac);
        }
    }

    @Test
    void maxForwardsZeroGets483AndOptionsAdvertisesWhatWeDo() {
        try (TestSwitch sw = TestSwitch.start(); SipUdpProbe probe = new SipUdpProbe()) {
            String invite = "INVITE sip:1002@127.0.0.1:" + sw.sipPort() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bK-mf0;rport\r\n"
                    + "Max-Forwards: 0\r\nFrom: <sip:1001@127.0.0.1>;tag=mf0\r\nTo: <sip:1002@127.0.0.1>\r\n"
                    + "Call-ID: max-forwards-zero\r\nCSeq: 1 INVITE\r\nContact: <sip:1001@127.0.0.1:" + probe.port() + ">\r\n"
                    + "Content-Length: 0\r\n\r\n";
            probe.send(invite.getBytes(StandardCharsets.US_ASCII), sw.sipPort());
            await().atMost(Duration.ofSeconds(5)).until(() -> probe.finalStatus("max-forwards-zero").isPresent());
            assertThat(probe.finalStatus("max-forwards-zero")).contains(483);

            assertThat(probe.options(sw.sipPort(), Duration.ofSeconds(5))).isEqualTo(200);
            String ok = probe.received().stream().filter(m -> m.startsWith("SIP/2.0 200") && m.contains("OPTIONS")).findFirst().orElseThrow();
            assertThat(ok).containsIgnoringCase("Allow: INVITE").contains("BYE").contains("CANCEL").contains("UPDATE")
                    .containsIgnoringCase("Accept: application/sdp").containsIgnoringCase("Supported:");
        }
    }
}
