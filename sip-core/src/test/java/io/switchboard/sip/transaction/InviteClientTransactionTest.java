package io.switchboard.sip.transaction;

import static io.switchboard.sip.transaction.Harness.ms;
import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.ClientTransaction.State;
import io.switchboard.sip.transport.Transport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** INVITE client transaction, RFC 3261 §17.1.1 (Fig. 5) with the RFC 6026 Accepted state, on virtual time. */
class InviteClientTransactionTest {
    private final Harness h = new Harness();
    private final RecordingListener tu = new RecordingListener(h.lane);

    @AfterEach
    void neverAnUnhandledEvent() {
        assertThat(h.counters.unhandledEvents()).as("unhandled FSM events").isZero();
    }

    private ClientTransaction send(Transport t) {
        ClientTransaction tx = h.layer.send(Sip.invite(t, "z9hG4bK-out-1"), Sip.over(t), tu);
        assertThat(tx.state()).isEqualTo(State.CALLING);
        return tx;
    }

    /** A response built by the peer from the INVITE it received. */
    private SIPResponse peerResponse(int status) {
        SIPRequest received = h.wire.sent().get(0).request();
        return Responses.create(received, status, null, status == 100 ? null : "peer-tag");
    }

    private List<RecordingWire.Sent> acks() {
        return h.wire.sent().stream().filter(s -> !s.isResponse() && "ACK".equals(s.request().getMethod())).toList();
    }

    private void assertClosed() {
        assertThat(h.layer.size()).isZero();
        assertThat(h.counters.open()).isZero();
    }

    @Test
    void timerADoublesWithoutCapAndTimerBTimesOut() {
        ClientTransaction tx = send(Transport.UDP);
        h.lane.advance(ms(31_999));
        assertThat(h.wire.times()).containsExactly(ms(0), ms(500), ms(1500), ms(3500), ms(7500), ms(15_500), ms(31_500));
        assertThat(h.wire.sent()).allSatisfy(s -> assertThat(s.request().getMethod()).isEqualTo("INVITE"));
        assertThat(tu.timeouts).isEmpty();
        h.lane.advance(ms(1));
        assertThat(tu.timeouts).containsExactly(ms(32_000));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        h.lane.runUntilIdle();
        assertThat(h.wire.sent()).hasSize(7);
        assertClosed();
    }

    @Test
    void overTcpNoRetransmissionButTimerBStillTimesOut() {
        send(Transport.TCP);
        h.lane.advance(ms(32_000));
        assertThat(h.wire.times()).containsExactly(ms(0));
        assertThat(tu.timeouts).containsExactly(ms(32_000));
        assertClosed();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aProvisionalStopsTimerAAndTimerB(Transport t) {
        ClientTransaction tx = send(t);
        h.lane.advance(ms(1000));
        assertThat(h.layer.onResponse(peerResponse(180))).isTrue();
        assertThat(tx.state()).isEqualTo(State.PROCEEDING);
        assertThat(tx.hasProvisional()).isTrue();
        assertThat(tu.statuses()).containsExactly(180);
        int sent = h.wire.sent().size();
        h.lane.advance(Duration.ofMinutes(5));
        assertThat(h.wire.sent()).hasSize(sent);
        assertThat(tu.timeouts).isEmpty();
        assertThat(tx.state()).isEqualTo(State.PROCEEDING);
        assertThat(tx.isPending()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anErrorIsAcknowledgedByTheTransactionAndTimerDEndsIt(Transport t) {
        ClientTransaction tx = send(t);
        h.layer.onResponse(peerResponse(100));
        h.layer.onResponse(peerResponse(486));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        assertThat(tu.statuses()).containsExactly(100, 486);
        assertThat(acks()).hasSize(1);
        SIPRequest ack = acks().get(0).request();
        SIPRequest invite = h.wire.sent().get(0).request();
        // §17.1.1.3: same Request-URI, top Via (branch), From, Call-ID and CSeq number; To of the response
        assertThat(ack.getRequestURI().toString()).isEqualTo(invite.getRequestURI().toString());
        assertThat(ack.getTopmostVia().getBranch()).isEqualTo("z9hG4bK-out-1");
        assertThat(ack.getViaHeaders()).hasSize(1);
        assertThat(ack.getTo().getTag()).isEqualTo("peer-tag");
        assertThat(ack.getFrom().getTag()).isEqualTo(invite.getFrom().getTag());
        assertThat(ack.getCallId().getCallId()).isEqualTo(invite.getCallId().getCallId());
        assertThat(ack.getCSeq().getMethod()).isEqualTo("ACK");
        assertThat(ack.getCSeq().getSeqNumber()).isEqualTo(invite.getCSeq().getSeqNumber());
        assertThat(acks().get(0).destination()).isEqualTo(Sip.over(t));

        assertThat(h.layer.onResponse(peerResponse(486))).isTrue();
        assertThat(acks()).as("retransmitted final: ACK again").hasSize(2);
        assertThat(tu.statuses()).as("retransmission not passed up").containsExactly(100, 486);

        if (t.reliable()) {
            h.lane.runAll();
        } else {
            h.lane.advance(ms(31_999));
            assertThat(tx.state()).isEqualTo(State.COMPLETED);
            assertThat(h.wire.sent()).as("no INVITE retransmission after the final").hasSize(3);
            h.lane.advance(ms(1)); // Timer D: at least 32 s
        }
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(tu.timeouts).isEmpty();
        assertClosed();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTwoHundredGoesToAcceptedAndItsRetransmissionsReachTheTuUntilTimerM(Transport t) {
        ClientTransaction tx = send(t);
        h.layer.onResponse(peerResponse(180));
        h.layer.onResponse(peerResponse(200));
        assertThat(tx.state()).isEqualTo(State.ACCEPTED);
        assertThat(tx.isPending()).isFalse();
        assertThat(acks()).as("the TU acknowledges a 2xx, not the transaction").isEmpty();
        h.lane.advance(ms(4000));
        assertThat(h.layer.onResponse(peerResponse(200))).isTrue();
        assertThat(tu.statuses()).containsExactly(180, 200, 200);
        assertThat(h.wire.sent()).hasSize(1);
        h.lane.advance(ms(27_999));
        assertThat(tx.state()).isEqualTo(State.ACCEPTED);
        h.lane.advance(ms(1)); // Timer M = 64*T1
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertClosed();
        assertThat(h.layer.onResponse(peerResponse(200))).as("stray after Timer M").isFalse();
        assertThat(tu.timeouts).isEmpty();
    }

    @Test
    void aResponseWithAnUnknownBranchIsStray() {
        send(Transport.UDP);
        SIPResponse other = Sip.response(
                "SIP/2.0 200 OK",
                "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-someone-else",
                "From: <sip:alice@example.com>;tag=ft1",
                "To: <sip:bob@example.com>;tag=x",
                "Call-ID: call-1@192.0.2.10",
                "CSeq: 1 INVITE",
                "Content-Length: 0");
        assertThat(h.layer.onResponse(other)).isFalse();
        assertThat(tu.responses).isEmpty();
        assertThat(h.counters.snapshot()).containsEntry("strayResponses", 1L);
    }
}
