package io.switchboard.sip.transaction;

import static io.switchboard.sip.transaction.Harness.ms;
import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.ServerTransaction.State;
import io.switchboard.sip.transaction.TransactionLayer.Disposition;
import io.switchboard.sip.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** INVITE server transaction, RFC 3261 §17.2.1 (Fig. 7) with the RFC 6026 Accepted state, on virtual time. */
class InviteServerTransactionTest {
    private final Harness h = new Harness();
    private SIPRequest invite;

    @AfterEach
    void neverAnUnhandledEvent() {
        assertThat(h.counters.unhandledEvents()).as("unhandled FSM events").isZero();
    }

    private ServerTransaction receive(Transport t) {
        invite = Sip.invite(t, "z9hG4bK-inv-1");
        TransactionLayer.Inbound in = h.layer.onRequest(invite, Sip.over(t));
        assertThat(in.disposition()).isEqualTo(Disposition.NEW);
        assertThat(in.transaction().state()).isEqualTo(State.PROCEEDING);
        return in.transaction();
    }

    private void respond(ServerTransaction tx, int status) {
        tx.respond(Responses.create(invite, status, null, "tt-1"));
    }

    private List<Integer> statuses() {
        return h.wire.sent().stream().map(RecordingWire.Sent::status).toList();
    }

    private void assertClosed() {
        assertThat(h.layer.size()).isZero();
        assertThat(h.counters.open()).isZero();
    }

    @Test
    void timerGRetransmitsTheErrorDoublingUpToT2AndTimerHEndsItWithoutAck() {
        ServerTransaction tx = receive(Transport.UDP);
        respond(tx, 100);
        respond(tx, 486);
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        h.lane.advance(ms(31_999));
        // T1, 2T1, 4T1, then capped at T2 = 4 s: sends at 0 (100), 0 (486), then 0.5, 1.5, 3.5, 7.5, 11.5, ...
        List<Duration> expected = new ArrayList<>(List.of(ms(0), ms(0), ms(500), ms(1500), ms(3500)));
        for (long t = 7500; t < 32_000; t += 4000) {
            expected.add(ms(t));
        }
        assertThat(h.wire.times()).containsExactlyElementsOf(expected);
        assertThat(statuses().subList(1, statuses().size())).containsOnly(486);
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        h.lane.advance(ms(1)); // Timer H = 64*T1 = 32 s
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        int sent = h.wire.sent().size();
        h.lane.runUntilIdle();
        assertThat(h.wire.sent()).hasSize(sent);
        assertClosed();
    }

    @Test
    void overTcpTheErrorIsSentOnceAndTimerHStillEndsIt() {
        ServerTransaction tx = receive(Transport.TCP);
        respond(tx, 486);
        h.lane.advance(ms(31_999));
        assertThat(statuses()).containsExactly(486);
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        h.lane.advance(ms(1));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertClosed();
    }

    @Test
    void ackConfirmsStopsRetransmissionsAndTimerIEndsItAfterT4OverUdp() {
        ServerTransaction tx = receive(Transport.UDP);
        respond(tx, 486);
        h.lane.advance(ms(1000)); // one retransmission at 0.5 s
        assertThat(statuses()).containsExactly(486, 486);
        TransactionLayer.Inbound ack = h.layer.onRequest(Sip.ackFor(invite, "tt-1"), Sip.udp());
        assertThat(ack.disposition()).isEqualTo(Disposition.ABSORBED);
        assertThat(ack.transaction()).isSameAs(tx);
        assertThat(tx.state()).isEqualTo(State.CONFIRMED);
        h.lane.advance(Harness.T4.minusMillis(1));
        assertThat(statuses()).containsExactly(486, 486);
        assertThat(tx.state()).isEqualTo(State.CONFIRMED);
        h.lane.advance(ms(1));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertClosed();
    }

    @Test
    void ackOverTcpEndsTheTransactionAtOnce() {
        ServerTransaction tx = receive(Transport.TCP);
        respond(tx, 486);
        h.layer.onRequest(Sip.ackFor(invite, "tt-1"), Sip.tcp());
        assertThat(tx.state()).isEqualTo(State.CONFIRMED);
        h.lane.runAll(); // Timer I = 0 for reliable transports
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertClosed();
    }

    @Test
    void retransmittedAckInConfirmedIsAbsorbedAndDoesNotRestartTimerI() {
        ServerTransaction tx = receive(Transport.UDP);
        respond(tx, 486);
        h.layer.onRequest(Sip.ackFor(invite, "tt-1"), Sip.udp());
        h.lane.advance(ms(3000));
        TransactionLayer.Inbound again = h.layer.onRequest(Sip.ackFor(invite, "tt-1"), Sip.udp());
        assertThat(again.disposition()).isEqualTo(Disposition.ABSORBED);
        h.lane.advance(ms(2000)); // Timer I started when Confirmed was entered: T4 = 5 s after the first ACK
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertClosed();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void retransmittedInviteGetsTheLastProvisionalThenTheFinal(Transport t) {
        ServerTransaction tx = receive(t);
        TransactionLayer.Inbound first = h.layer.onRequest(Sip.invite(t, "z9hG4bK-inv-1"), Sip.over(t));
        assertThat(first.disposition()).isEqualTo(Disposition.ABSORBED);
        assertThat(h.wire.sent()).as("nothing to repeat before a provisional").isEmpty();
        respond(tx, 100);
        respond(tx, 180);
        h.layer.onRequest(Sip.invite(t, "z9hG4bK-inv-1"), Sip.over(t));
        assertThat(statuses()).containsExactly(100, 180, 180);
        respond(tx, 486);
        h.wire.clear();
        h.layer.onRequest(Sip.invite(t, "z9hG4bK-inv-1"), Sip.over(t));
        assertThat(statuses()).containsExactly(486);
        assertThat(h.wire.last().response().getTo().getTag()).isEqualTo("tt-1");
        h.layer.onRequest(Sip.ackFor(invite, "tt-1"), Sip.over(t));
        h.wire.clear();
        TransactionLayer.Inbound inConfirmed = h.layer.onRequest(Sip.invite(t, "z9hG4bK-inv-1"), Sip.over(t));
        assertThat(inConfirmed.disposition()).isEqualTo(Disposition.ABSORBED);
        assertThat(h.wire.sent()).as("absorbed silently in Confirmed").isEmpty();
        h.lane.runUntilIdle();
        assertClosed();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void twoHundredIsRetransmittedUntilTheTuReportsTheAck(Transport t) {
        ServerTransaction tx = receive(t);
        boolean[] noAck = {false};
        tx.onNoAck(() -> noAck[0] = true);
        respond(tx, 180);
        respond(tx, 200);
        assertThat(tx.state()).isEqualTo(State.ACCEPTED);
        h.lane.advance(ms(2000));
        // §13.3.1.4: T1 doubling up to T2, "independent of whatever transport protocols are used"
        assertThat(h.wire.times()).containsExactly(ms(0), ms(0), ms(500), ms(1500));
        assertThat(statuses()).containsExactly(180, 200, 200, 200);
        TransactionLayer.Inbound retrans = h.layer.onRequest(Sip.invite(t, "z9hG4bK-inv-1"), Sip.over(t));
        assertThat(retrans.disposition()).isEqualTo(Disposition.ABSORBED);
        assertThat(h.wire.sent()).as("INVITE retransmission absorbed in Accepted").hasSize(4);
        tx.ackReceived();
        h.lane.advance(ms(29_999));
        assertThat(h.wire.sent()).hasSize(4);
        assertThat(tx.state()).isEqualTo(State.ACCEPTED);
        h.lane.advance(ms(1)); // Timer L = 64*T1
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(noAck[0]).isFalse();
        assertClosed();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void withoutAckTimerLEndsItAndTellsTheTu(Transport t) {
        ServerTransaction tx = receive(t);
        List<Duration> noAckAt = new ArrayList<>();
        tx.onNoAck(() -> noAckAt.add(h.lane.elapsed()));
        respond(tx, 200);
        h.lane.advance(ms(31_999));
        assertThat(h.wire.times()).contains(ms(0), ms(500), ms(1500), ms(3500), ms(7500), ms(11_500), ms(31_500));
        assertThat(statuses()).containsOnly(200);
        assertThat(noAckAt).isEmpty();
        h.lane.advance(ms(1));
        assertThat(noAckAt).containsExactly(ms(32_000));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        h.lane.runUntilIdle();
        assertThat(h.wire.times()).last().isEqualTo(ms(31_500));
        assertClosed();
    }

    @Test
    void ackForTheTwoHundredIsNotThisTransactionsBusiness() {
        ServerTransaction tx = receive(Transport.UDP);
        respond(tx, 200);
        SIPRequest ack = Sip.request("ACK", Transport.UDP, "z9hG4bK-ack-new", "call-1@192.0.2.10", 1, "ft1");
        TransactionLayer.Inbound in = h.layer.onRequest(ack, Sip.udp());
        assertThat(in.disposition()).isEqualTo(Disposition.ACK_FOR_2XX);
        assertThat(in.transaction()).isNull();
        assertThat(tx.state()).isEqualTo(State.ACCEPTED);
        tx.ackReceived();
        h.lane.runUntilIdle();
        assertClosed();
    }
}
