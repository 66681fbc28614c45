package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.SipUdpProbe;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Abuse resistance over the wire: a ban after failed authentications, and the per-source rate limit. */
class AbuseE2eTest {

    @Test
    void repeatedFailedAuthenticationsBanTheSource() {
        try (TestSwitch sw = TestSwitch.start("sip.policy.authFailuresBeforeBan=3", "sip.policy.banTime=120s");
                SipUdpProbe probe = new SipUdpProbe()) {
            assertThat(probe.options(sw.sipPort(), Duration.ofSeconds(5))).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                SippResult r = E2e.sipp("register-bad-password.xml", "ban-" + i, sw, Sipp.Transport.UDP)
                        .service("1001").auth("1001", "not-the-password")
                        .key("contact_port", Integer.toString(FreePorts.udpAndTcp())).key("expires", "3600").run();
                E2e.assertCalls(1, r);
            }
            assertThat(policy(sw).get("banned")).isEqualTo(1);
            // 127.0.0.1 is banned now: the switch ignores it, even for a harmless OPTIONS
            assertThatThrownBy(() -> probe.options(sw.sipPort(), Duration.ofSeconds(2)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no answer");
            assertThat(((Number) policy(sw).get("bannedDrops")).longValue()).isPositive();
        }
    }

    @Test
    void aFloodFromOneSourceIsRateLimited() {
        try (TestSwitch sw = TestSwitch.start("sip.policy.exempt=", "sip.policy.requestsPerSecond=5", "sip.policy.requestBurst=5");
                SipUdpProbe probe = new SipUdpProbe()) {
            for (int i = 0; i < 40; i++) {
                probe.send(options(sw.sipPort(), probe.port(), "flood-" + i), sw.sipPort());
            }
            await("the rate limiter drops most of the flood").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> ((Number) policy(sw).get("rateLimited")).longValue() >= 20);
            assertThat(probe.received().size()).isLessThan(40);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policy(TestSwitch sw) {
        return (Map<String, Object>) sw.switchboard().sip().stats().get("policy");
    }

    private static byte[] options(int port, int from, String callId) {
        return ("OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from + ";branch=z9hG4bK" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:flood@127.0.0.1>;tag=" + callId + "\r\nTo: <sip:127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
