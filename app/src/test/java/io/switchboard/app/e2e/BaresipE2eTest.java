package io.switchboard.app.e2e;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.Baresip;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two real softphones (baresip, driven over ctrl_tcp) register 1001 and 1002 over UDP, 1001 calls 1002,
 * which answers automatically; both see the call established, 1001 hangs up, both see it closed.
 * {@link #baresipCallsBaresipDirectly} checks the same steps without the switch, so a failure of the first
 * test with a passing second one points at the switch, not at the harness.
 */
class BaresipE2eTest {
    private static final Duration STEP = Duration.ofSeconds(20);

    @Test
    void twoSoftphonesRegisterCallAndHangUpThroughTheSwitch() {
        try (TestSwitch sw = TestSwitch.start();
                Baresip a = Baresip.named("switch-1001").account("1001", E2e.password("1001")).registrar(sw.sipPort()).start();
                Baresip b = Baresip.named("switch-1002").account("1002", E2e.password("1002")).registrar(sw.sipPort()).start()) {
            withBothLogs(a, b, () -> {
                a.awaitRegistered(STEP);
                b.awaitRegistered(STEP);
                a.dial("sip:1002@127.0.0.1:" + sw.sipPort());
                callEstablishedThenClosed(a, b);
            });
        }
    }

    @Test
    void baresipCallsBaresipDirectly() {
        try (Baresip a = Baresip.named("direct-a").account("1001", null).start();
                Baresip b = Baresip.named("direct-b").account("1002", null).start()) {
            withBothLogs(a, b, () -> {
                a.dial("sip:1002@127.0.0.1:" + b.sipPort());
                callEstablishedThenClosed(a, b);
            });
        }
    }

    private static void callEstablishedThenClosed(Baresip caller, Baresip callee) {
        callee.awaitEvent("CALL_ESTABLISHED", STEP, "CALL_CLOSED");
        caller.awaitEvent("CALL_ESTABLISHED", STEP, "CALL_CLOSED");
        caller.hangup();
        caller.awaitEvent("CALL_CLOSED", STEP);
        callee.awaitEvent("CALL_CLOSED", STEP);
    }

    private static void withBothLogs(Baresip a, Baresip b, Runnable steps) {
        try {
            steps.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nevents of " + a.name() + ": " + a.events() + "\nevents of " + b.name()
                    + ": " + b.events() + "\n" + a.logText() + "\n" + b.logText(), e);
        }
    }
}
