package io.switchboard.app.e2e;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A binding registered before a restart (same data directory) still routes calls after it. */
class RestartE2eTest {

    @Test
    void aBindingSurvivesARestart() {
        Sipp.Transport t = Sipp.Transport.UDP;
        int uasPort = FreePorts.udpAndTcp();
        Path dataDir;
        try (TestSwitch before = TestSwitch.start()) {
            E2e.register(before, t, "restart", "1002", uasPort);
            dataDir = before.dataDir();
        }
        try (TestSwitch after = TestSwitch.start(dataDir);
                SippProcess uas = E2e.uas("uas-answer.xml", "restart", after, t, "1002", uasPort, 1)) {
            SippResult uac = E2e.uac("uac-call.xml", "restart-after", after, t, "1001", "1002").run();
            SippResult callee = uas.awaitExit(Duration.ofSeconds(15));
            E2e.assertCalls(1, uac, callee);
        }
    }
}
