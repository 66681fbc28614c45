package io.switchboard.app.e2e;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parallel forking: the callee is registered at two contacts; one rings and never answers, the
 * other answers. The caller gets the answering contact's 200, and the ringing one is CANCELled
 * (it must see CANCEL, answer 200 to it and 487 to its INVITE, then get the ACK).
 */
class ForkingE2eTest {

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void firstAnswerWinsAndTheOtherContactIsCancelled(Sipp.Transport t) {
        try (TestSwitch sw = TestSwitch.start()) {
            int ringingPort = FreePorts.udpAndTcp();
            int answeringPort = FreePorts.udpAndTcp();
            E2e.register(sw, t, "fork-ringing", "1002", ringingPort);
            E2e.register(sw, t, "fork-answering", "1002", answeringPort);
            try (SippProcess ringing = E2e.uas("uas-ring-cancel.xml", "fork-ringing", sw, t, "1002", ringingPort, 1);
                    SippProcess answering = E2e.uas("uas-answer.xml", "fork-answering", sw, t, "1002", answeringPort, 1)) {
                SippResult caller = E2e.uac("uac-call.xml", "fork", sw, t, "1001", "1002").run();
                SippResult cancelled = ringing.awaitExit(Duration.ofSeconds(15));
                SippResult answered = answering.awaitExit(Duration.ofSeconds(15));
                E2e.assertCalls(1, caller, cancelled, answered);
            }
        }
    }
}
