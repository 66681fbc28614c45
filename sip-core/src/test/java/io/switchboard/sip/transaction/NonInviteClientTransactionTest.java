package io.switchboard.sip.transaction;

import static io.switchboard.sip.transaction.Harness.ms;
import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.ClientTransaction.State;
import io.switchboard.sip.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Non-INVITE client transaction, RFC 3261 §17.1.2 (Fig. 6), on virtual time. */
class NonInviteClientTransactionTest {
    private final Harness h = new Harness();
    private final RecordingListener tu = new RecordingListener(h.lane);

    @AfterEach
    void neverAnUnhandledEvent() {
        assertThat(h.counters.unhandledEvents()).as("unhandled FSM events").isZero();
    }

    private ClientTransaction send(Transport t) {
        ClientTransaction tx = h.layer.send(Sip.request("OPTIONS", t, "z9hG4bK-opt-out", "o-1@192.0.2.10", 3, "f3"), Sip.over(t), tu);
        assertThat(tx.state()).isEqualTo(State.TRYING);
        return tx;
    }

    private SIPResponse peerResponse(int status) {
        return Responses.create(h.wire.sent().get(0).request(), status, null, "peer-tag");
    }

    private void assertClosed() {
        assertThat(h.layer.size()).isZero();
        assertThat(h.counters.open()).isZero();
    }

    @Test
    void timerEDoublesUpToT2AndTimerFTimesOut() {
        ClientTransaction tx = send(Transport.UDP);
        h.lane.advance(ms(31_999));
        assertThat(h.wire.times()).containsExactly(ms(0), ms(500), ms(1500), ms(3500), ms(7500), ms(11_500), ms(15_500),
                ms(19_500), ms(23_500), ms(27_500), ms(31_500));
        assertThat(tu.timeouts).isEmpty();
        h.lane.advance(ms(1));
        assertThat(tu.timeouts).containsExactly(ms(32_000));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        h.lane.runUntilIdle();
        assertThat(h.wire.sent()).hasSize(11);
        assertClosed();
    }

    @Test
    void inProceedingTimerERetransmitsEveryT2AndTimerFStillTimesOut() {
        ClientTransaction tx = send(Transport.UDP);
        h.lane.advance(ms(1000)); // sent at 0 and 0.5; next due at 1.5
        h.layer.onResponse(peerResponse(100));
        assertThat(tx.state()).isEqualTo(State.PROCEEDING);
        h.lane.advance(ms(12_000));
        assertThat(h.wire.times()).containsExactly(ms(0), ms(500), ms(1500), ms(5500), ms(9500));
        h.lane.advance(ms(19_000));
        assertThat(h.wire.times()).endsWith(ms(13_500), ms(17_500), ms(21_500), ms(25_500), ms(29_500));
        assertThat(tu.timeouts).containsExactly(ms(32_000));
        assertThat(tu.statuses()).containsExactly(100);
        assertClosed();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFinalCompletesAndTimerKEndsIt(Transport t) {
        ClientTransaction tx = send(t);
        h.layer.onResponse(peerResponse(200));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        assertThat(h.layer.onResponse(peerResponse(200))).isTrue();
        assertThat(tu.statuses()).as("retransmitted final absorbed").containsExactly(200);
        if (t.reliable()) {
            h.lane.runAll(); // Timer K = 0
        } else {
            h.lane.advance(Harness.T4.minusMillis(1));
            assertThat(tx.state()).isEqualTo(State.COMPLETED);
            assertThat(h.wire.sent()).as("no retransmission after the final").hasSize(1);
            h.lane.advance(ms(1)); // Timer K = T4
        }
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(tu.timeouts).isEmpty();
        assertClosed();
    }

    @Test
    void overTcpNoRetransmissionButTimerFStillTimesOut() {
        send(Transport.TCP);
        h.lane.advance(ms(32_000));
        assertThat(h.wire.times()).containsExactly(ms(0));
        assertThat(tu.timeouts).containsExactly(ms(32_000));
        assertClosed();
    }
}
