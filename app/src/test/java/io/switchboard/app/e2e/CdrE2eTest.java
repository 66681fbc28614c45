package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.TestSwitch;
import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.cdr.CallStage;
import io.switchboard.customer.cdr.Cdr;
import io.switchboard.customer.cdr.CdrQuery;
import io.switchboard.customer.cdr.EndedBy;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.InteractionKind;
import io.switchboard.customer.storage.StorageConfig;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CDRs from real SIPp calls that end every way (issue 7): answered and hung up by either side, busy,
 * no answer (ring timeout), cancelled, trunk failure, and a switch that stops while the call rings; plus a
 * returning caller recognised by number. Each CDR is read back from the switch's own storage (H2 under
 * the test's data directory).
 */
class CdrE2eTest {
    private static final String CALLER = "1001";
    private static final String CALLEE = "1002";
    private static final Sipp.Transport T = Sipp.Transport.UDP;

    private TestSwitch sw;

    @AfterEach
    void stop() {
        if (sw != null) {
            sw.close();
        }
    }

    private Cdr call(String name, String uacScenario, String uasScenario) {
        int uasPort = FreePorts.udpAndTcp();
        E2e.register(sw, T, name, CALLEE, uasPort);
        try (SippProcess uas = E2e.uas(uasScenario, name, sw, T, CALLEE, uasPort, 1)) {
            SippResult uac = E2e.uac(uacScenario, name, sw, T, CALLER, CALLEE).run();
            SippResult callee = uas.awaitExit(Duration.ofSeconds(15));
            E2e.assertCalls(1, uac, callee);
        }
        return lastFinal(sw, 1);
    }

    /** The newest final CDR once {@code count} final CDRs exist. */
    private static Cdr lastFinal(TestSwitch sw, int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> finals(sw), l -> l.size() >= count).get(0);
    }

    private static List<Cdr> finals(TestSwitch sw) {
        return sw.switchboard().storage().cdrs().query(CdrQuery.between(null, null)).stream().filter(Cdr::isFinal).toList();
    }

    private static long customerOf(Cdr cdr) {
        return cdr.tags().stream().filter(t -> t.startsWith("customer=")).map(t -> Long.parseLong(t.substring(9))).findFirst().orElse(0L);
    }

    @Test
    void answeredCallHungUpByTheCallee() {
        sw = TestSwitch.start();
        Cdr cdr = call("cdr-callee-bye", "uac-call-wait-bye.xml", "uas-answer-then-bye.xml");
        assertThat(cdr.stage()).isEqualTo(CallStage.ANSWERED);
        assertThat(cdr.cause().sipStatus()).isEqualTo(200);
        assertThat(cdr.endedBy()).isEqualTo(EndedBy.CALLEE);
        assertThat(cdr.fromRaw()).isEqualTo(CALLER);
        assertThat(cdr.toRaw()).isEqualTo(CALLEE);
        assertThat(cdr.dnis()).isEqualTo(CALLEE);
        assertThat(cdr.setupAt()).isBeforeOrEqualTo(cdr.answerAt());
        assertThat(cdr.answerAt()).isBeforeOrEqualTo(cdr.endAt());
        assertThat(cdr.legs()).hasSize(2);
        assertThat(customerOf(cdr)).isPositive();
    }

    @Test
    void answeredCallHungUpByTheCaller() {
        sw = TestSwitch.start();
        Cdr cdr = call("cdr-caller-bye", "uac-call.xml", "uas-answer.xml");
        assertThat(cdr.stage()).isEqualTo(CallStage.ANSWERED);
        assertThat(cdr.cause().reason()).isEqualTo("normal clearing");
        assertThat(cdr.endedBy()).isEqualTo(EndedBy.CALLER);
    }

    @Test
    void busyCallee() {
        sw = TestSwitch.start();
        Cdr cdr = call("cdr-busy", "uac-expect-486.xml", "uas-busy.xml");
        assertThat(cdr.cause().sipStatus()).isEqualTo(486);
        assertThat(cdr.cause().reason()).isEqualTo("busy");
        assertThat(cdr.endedBy()).isEqualTo(EndedBy.CALLEE);
        assertThat(cdr.answerAt()).isNull();
        assertThat(cdr.endAt()).isNotNull();
    }

    @Test
    void noAnswerBeforeTheRingTimeout() {
        sw = TestSwitch.start("sip.ringTimeout=2s");
        Cdr cdr = call("cdr-no-answer", "uac-expect-408.xml", "uas-ring-cancel.xml");
        assertThat(cdr.stage()).isEqualTo(CallStage.RINGING);
        assertThat(cdr.cause().sipStatus()).isEqualTo(408);
        assertThat(cdr.cause().reason()).isEqualTo("no answer");
        assertThat(cdr.endedBy()).isEqualTo(EndedBy.SYSTEM);
        assertThat(cdr.ringingAt()).isNotNull();
    }

    @Test
    void callerCancelsWhileItRings() {
        sw = TestSwitch.start();
        Cdr cdr = call("cdr-cancel", "uac-cancel.xml", "uas-ring-cancel.xml");
        assertThat(cdr.stage()).isEqualTo(CallStage.RINGING);
        assertThat(cdr.cause().sipStatus()).isEqualTo(487);
        assertThat(cdr.endedBy()).isEqualTo(EndedBy.CALLER);
    }

    @Test
    void returningCallerIsRecognisedByNumberAndEachCallIsOnTheTimeline() {
        sw = TestSwitch.start();
        int uasPort = FreePorts.udpAndTcp();
        E2e.register(sw, T, "cdr-returning", CALLEE, uasPort);
        try (SippProcess uas = E2e.uas("uas-answer.xml", "cdr-returning-1", sw, T, CALLEE, uasPort, 1)) {
            SippResult uac = E2e.uac("uac-call.xml", "cdr-returning-1", sw, T, CALLER, CALLEE).run();
            E2e.assertCalls(1, uac, uas.awaitExit(Duration.ofSeconds(15)));
        }
        Cdr first = lastFinal(sw, 1);
        // the same binding (port) for the second call: a stale contact would fork to a dead port
        try (SippProcess uas = E2e.uas("uas-busy.xml", "cdr-returning-2", sw, T, CALLEE, uasPort, 1)) {
            SippResult uac = E2e.uac("uac-expect-486.xml", "cdr-returning-2", sw, T, CALLER, CALLEE).run();
            E2e.assertCalls(1, uac, uas.awaitExit(Duration.ofSeconds(15)));
        }
        Cdr second = lastFinal(sw, 2);
        assertThat(second.callId()).isNotEqualTo(first.callId());
        long customer = customerOf(first);
        assertThat(customer).isPositive();
        assertThat(customerOf(second)).isEqualTo(customer);
        List<Interaction> timeline = await().atMost(Duration.ofSeconds(10)).until(
                () -> sw.switchboard().storage().interactions().timeline(customer, null, 10).items(), l -> l.size() == 2);
        assertThat(timeline).extracting(Interaction::kind).containsOnly(InteractionKind.CALL);
        assertThat(timeline).extracting(Interaction::cdrCallId).containsExactly(second.callId(), first.callId());
        assertThat(timeline).extracting(Interaction::channel).containsOnly("voice");
    }

    @Test
    void trunkFailure() {
        int carrier = FreePorts.udpAndTcp();
        Path conf = E2e.conf("conf-cdr-trunk-", "", """
                trunks:
                  - name: carrier-a
                    to: 127.0.0.1:%d
                    format: e164
                    callerId: "4008001234"
                outbound:
                  - kinds: [mobile, fixed, hotline-400]
                    trunks: [carrier-a]
                """.formatted(carrier));
        sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp());
        try (SippProcess a = E2e.uas("uas-503.xml", "cdr-trunk-503", sw, T, "carrier-a", carrier, 1)) {
            SippResult caller = E2e.uac("uac-expect-480.xml", "cdr-trunk-503", sw, T, CALLER, "13800138000").run();
            E2e.assertCalls(1, caller, a.awaitExit(Duration.ofSeconds(15)));
        }
        Cdr cdr = lastFinal(sw, 1);
        assertThat(cdr.trunk()).isEqualTo("carrier-a");
        assertThat(cdr.toE164()).isEqualTo("+8613800138000");
        assertThat(cdr.cause().sipStatus()).isEqualTo(503);
        assertThat(cdr.cause().reason()).startsWith("trunk failure");
        assertThat(cdr.endedBy()).isEqualTo(EndedBy.SYSTEM);
        assertThat(customerOf(cdr)).as("the dialled number is the customer of an outbound call").isPositive();
    }

    @Test
    void switchStoppedWhileTheCallRingsLeavesAFinalRecord() {
        sw = TestSwitch.start();
        Path data = sw.dataDir();
        int uasPort = FreePorts.udpAndTcp();
        E2e.register(sw, T, "cdr-restart", CALLEE, uasPort);
        try (SippProcess uas = E2e.uas("uas-ring-cancel.xml", "cdr-restart", sw, T, CALLEE, uasPort, 1);
             SippProcess uac = E2e.uac("uac-ring-until-503.xml", "cdr-restart", sw, T, CALLER, CALLEE).start()) {
            // the provisional CDR is stored once the call is set up
            await().atMost(Duration.ofSeconds(10)).until(() -> !sw.switchboard().storage().cdrs().query(CdrQuery.between(null, null)).isEmpty());
            sw.close();
            sw = null;
            E2e.assertCalls(1, uac.awaitExit(Duration.ofSeconds(15)));
        }
        sw = TestSwitch.start(data);
        Cdr cdr = lastFinal(sw, 1);
        assertThat(cdr.isFinal()).isTrue();
        assertThat(cdr.endAt()).isNotNull();
        assertThat(cdr.endedBy()).isEqualTo(EndedBy.SYSTEM);
        assertThat(cdr.cause().reason()).isIn("switch shutting down", "switch restart");
    }

    @Test
    void aCrashDuringRingingIsFinalisedAtTheNextStart() {
        sw = TestSwitch.start();
        Path data = sw.dataDir();
        sw.close();
        sw = null;
        // what a crash leaves: the provisional row written at setup, never finished
        try (CustomerStorage storage = CustomerStorage.open(io.switchboard.customer.CustomerConfig.of(
                new StorageConfig("", "sa", "", 2)), data, InstantSource.system())) {
            storage.cdrs().open(storage.newCdr("crashed-call@test", CALLER, CALLEE, null, CALLEE).ringing().provisional());
        }
        sw = TestSwitch.start(data);
        Cdr cdr = sw.switchboard().storage().cdrs().get("crashed-call@test").orElseThrow();
        assertThat(cdr.isFinal()).isTrue();
        assertThat(cdr.stage()).isEqualTo(CallStage.RINGING);
        assertThat(cdr.cause().reason()).isEqualTo("switch restart");
        assertThat(cdr.endedBy()).isEqualTo(EndedBy.SYSTEM);
    }
}
