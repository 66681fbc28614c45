package io.switchboard.app.e2e;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls through the B2BUA between two SIPp user agents, over UDP and over TCP: a SIPp registers the
 * callee 1002 with the UAS SIPp's port as Contact, the UAS SIPp waits there, and a UAC SIPp calls as 1001
 * (answering the 407 challenge). Both sides must finish their scenario (exit code 0, one successful call).
 */
class CallE2eTest {
    private static final String CALLER = "1001";
    private static final String CALLEE = "1002";

    private static final int RING_TIMEOUT_SECONDS = 3;

    private TestSwitch sw;

    @BeforeEach
    void start() {
        sw = TestSwitch.start("sip.ringTimeout=" + RING_TIMEOUT_SECONDS + "s");
    }

    @AfterEach
    void stop() {
        sw.close();
    }

    private void call(Sipp.Transport t, String name, String uacScenario, String uasScenario) {
        int uasPort = FreePorts.udpAndTcp();
        E2e.register(sw, t, name, CALLEE, uasPort);
        try (SippProcess uas = E2e.uas(uasScenario, name, sw, t, CALLEE, uasPort, 1)) {
            SippResult uac = E2e.uac(uacScenario, name, sw, t, CALLER, CALLEE).run();
            SippResult callee = uas.awaitExit(Duration.ofSeconds(15));
            E2e.assertCalls(1, uac, callee);
        }
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void callerHangsUp(Sipp.Transport t) {
        call(t, "call-caller-bye", "uac-call.xml", "uas-answer.xml");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void calleeHangsUp(Sipp.Transport t) {
        call(t, "call-callee-bye", "uac-call-wait-bye.xml", "uas-answer-then-bye.xml");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void callerCancelsWhileItRings(Sipp.Transport t) {
        call(t, "call-cancel", "uac-cancel.xml", "uas-ring-cancel.xml");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void busyCalleeGives486(Sipp.Transport t) {
        call(t, "call-busy", "uac-expect-486.xml", "uas-busy.xml");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void holdAndUnholdAreRelayedBothWays(Sipp.Transport t) {
        call(t, "call-hold", "uac-hold.xml", "uas-hold.xml");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void updateIsRelayedInTheConfirmedDialog(Sipp.Transport t) {
        call(t, "call-update", "uac-update.xml", "uas-update.xml");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void ringTimeoutGives408AndCancelsTheCallee(Sipp.Transport t) {
        call(t, "call-ring-timeout", "uac-expect-408.xml", "uas-ring-cancel.xml");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void unknownExtensionGives404(Sipp.Transport t) {
        SippResult uac = E2e.uac("uac-expect-404.xml", "call-unknown", sw, t, CALLER, "1888").run();
        E2e.assertCalls(1, uac);
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void unregisteredExtensionGives480(Sipp.Transport t) {
        SippResult uac = E2e.uac("uac-expect-480.xml", "call-unregistered", sw, t, CALLER, "1004").run();
        E2e.assertCalls(1, uac);
    }
}
