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
 * 10 000 short anchored calls (the benchmark's SIPp scenarios: digest auth, 200, ACK, BYE at once): every
 * call opens two RTP sessions and four ports, and afterwards not one port or bridge may still be held.
 */
class PortLeakE2eTest {
    private static final int CALLS = 10_000;

    @Test
    void tenThousandShortCallsLeaveNoPortAllocated() {
        // a range of 400 pairs (200 simultaneous calls) also proves ports are reused, not just plentiful
        try (TestSwitch sw = TestSwitch.start("media.portMin=52000", "media.portMax=52799", "sip.policy.requestsPerSecond=100000",
                "sip.policy.requestBurst=100000")) {
            Path bench = TestSwitch.repoRoot().resolve("bench/sipp");
            int uasPort = FreePorts.udpAndTcp();
            E2e.register(sw, Sipp.Transport.UDP, "leak", "1002", uasPort);
            try (SippProcess uas = Sipp.scenario(bench.resolve("uas.xml")).name("leak-uas").remote("127.0.0.1", sw.sipPort())
                    .localPort(uasPort).calls(CALLS).timeout(Duration.ofSeconds(120)).recvTimeout(Duration.ofSeconds(30))
                    .traceMessages(false).start().awaitReady(Duration.ofSeconds(10))) {
                SippResult uac = Sipp.scenario(bench.resolve("uac-auth.xml")).name("leak-uac").remote("127.0.0.1", sw.sipPort())
                        .localPort(FreePorts.udpAndTcp()).service("1002").auth("1001", E2e.password("1001")).key("caller", "1001")
                        .calls(CALLS).rate(400).limit(150).timeout(Duration.ofSeconds(120)).recvTimeout(Duration.ofSeconds(30))
                        .traceMessages(false).run();
                SippResult callee = uas.awaitExit(Duration.ofSeconds(60));
                E2e.assertCalls(CALLS, uac, callee);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, Object> media = sw.switchboard().sip().media().stats();
                assertThat(media.get("portsInUse")).as("RTP ports still allocated: " + media).isEqualTo(0);
                assertThat(media.get("bridges")).as("bridges still open").isEqualTo(0);
            });
            assertThat(sw.switchboard().sip().stats().get("activeCalls")).isEqualTo(0);
        }
    }
}
