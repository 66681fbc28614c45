package io.switchboard.sip.transaction;

import static io.switchboard.sip.transaction.Harness.ms;
import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.ServerTransaction.State;
import io.switchboard.sip.transaction.TransactionLayer.Disposition;
import io.switchboard.sip.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Non-INVITE server transaction, RFC 3261 §17.2.2 (Fig. 8), on virtual time. */
class NonInviteServerTransactionTest {
    private final Harness h = new Harness();

    @AfterEach
    void neverAnUnhandledEvent() {
        assertThat(h.counters.unhandledEvents()).as("unhandled FSM events").isZero();
    }

    private SIPRequest options(Transport t) {
        return Sip.request("OPTIONS", t, "z9hG4bK-opt-1", "opt-1@192.0.2.10", 7, "ft7");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void retransmissionIsAbsorbedUntilAResponseThenGetsTheLastResponse(Transport t) {
        SIPRequest req = options(t);
        ServerTransaction tx = h.layer.onRequest(req, Sip.over(t)).transaction();
        assertThat(tx.state()).isEqualTo(State.TRYING);
        assertThat(h.layer.onRequest(options(t), Sip.over(t)).disposition()).isEqualTo(Disposition.ABSORBED);
        assertThat(h.wire.sent()).isEmpty();
        tx.respond(Responses.create(req, 183));
        assertThat(tx.state()).isEqualTo(State.PROCEEDING);
        h.layer.onRequest(options(t), Sip.over(t));
        assertThat(h.wire.sent()).extracting(RecordingWire.Sent::status).containsExactly(183, 183);
        tx.respond(Responses.create(req, 200, null, "tt-7"));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        assertThat(tx.isPending()).isFalse();
        h.layer.onRequest(options(t), Sip.over(t));
        assertThat(h.wire.sent()).extracting(RecordingWire.Sent::status).containsExactly(183, 183, 200, 200);
        assertThat(h.wire.last().response().getTo().getTag()).isEqualTo("tt-7");
    }

    @Test
    void timerJIs64T1OverUdpAndTheFinalIsNotRetransmittedByItself() {
        SIPRequest req = options(Transport.UDP);
        ServerTransaction tx = h.layer.onRequest(req, Sip.udp()).transaction();
        tx.respond(Responses.create(req, 404));
        h.lane.advance(ms(31_999));
        assertThat(h.wire.sent()).hasSize(1);
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        h.lane.advance(ms(1));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(h.layer.size()).isZero();
        assertThat(h.counters.open()).isZero();
    }

    @Test
    void timerJIsZeroOverTcp() {
        SIPRequest req = options(Transport.TCP);
        ServerTransaction tx = h.layer.onRequest(req, Sip.tcp()).transaction();
        tx.respond(Responses.create(req, 200));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        h.lane.runAll();
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(h.layer.size()).isZero();
        assertThat(h.counters.open()).isZero();
    }

    @Test
    void afterTimerJARetransmissionStartsANewTransaction() {
        SIPRequest req = options(Transport.UDP);
        h.layer.onRequest(req, Sip.udp()).transaction().respond(Responses.create(req, 200));
        h.lane.runUntilIdle();
        assertThat(h.layer.onRequest(options(Transport.UDP), Sip.udp()).disposition()).isEqualTo(Disposition.NEW);
    }
}
