package io.switchboard.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.TransactionLayer.Disposition;
import io.switchboard.sip.transaction.TransactionLayer.Inbound;
import io.switchboard.sip.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request matching (RFC 3261 §17.2.3 with the RFC 2543 fallback), merged requests (§8.2.2.2) and the cap. */
class TransactionLayerTest {
    private final Harness h = new Harness();

    @AfterEach
    void neverAnUnhandledEvent() {
        assertThat(h.counters.unhandledEvents()).as("unhandled FSM events").isZero();
    }

    private static SIPRequest req(String method, String branch, String sentBy, String callId, long cseq, String fromTag) {
        return Sip.request(
                method + " sip:bob@192.0.2.1 SIP/2.0",
                "Via: SIP/2.0/UDP " + sentBy + (branch == null ? "" : ";branch=" + branch),
                "Max-Forwards: 70",
                "From: <sip:alice@example.com>;tag=" + fromTag,
                "To: <sip:bob@example.com>",
                "Call-ID: " + callId,
                "CSeq: " + cseq + " " + method,
                "Content-Length: 0");
    }

    private Inbound in(SIPRequest r) {
        return h.layer.onRequest(r, Sip.udp());
    }

    private void assertAllGone() {
        h.lane.runUntilIdle();
        assertThat(h.layer.size()).isZero();
        assertThat(h.counters.open()).isZero();
    }

    @Test
    void matchesOnBranchSentByAndMethod() {
        Inbound first = in(req("OPTIONS", "z9hG4bK-1", "192.0.2.10:5060", "c1", 1, "f1"));
        assertThat(first.disposition()).isEqualTo(Disposition.NEW);
        assertThat(in(req("OPTIONS", "z9hG4bK-1", "192.0.2.10:5060", "c1", 1, "f1")).transaction()).isSameAs(first.transaction());
        // Same branch, other sent-by: another client's transaction.
        Inbound otherHost = in(req("OPTIONS", "z9hG4bK-1", "192.0.2.11:5060", "c2", 1, "f2"));
        assertThat(otherHost.disposition()).isEqualTo(Disposition.NEW);
        // Same branch and sent-by, another method: another transaction.
        Inbound otherMethod = in(req("INFO", "z9hG4bK-1", "192.0.2.10:5060", "c3", 1, "f3"));
        assertThat(otherMethod.disposition()).isEqualTo(Disposition.NEW);
        assertThat(h.layer.size()).isEqualTo(3);
        assertThat(h.counters.open()).isEqualTo(3);
        for (Inbound i : new Inbound[] {first, otherHost, otherMethod}) {
            i.transaction().respond(Responses.create(i.transaction().request(), 200));
        }
        assertAllGone();
    }

    @Test
    void ackForAnErrorMatchesTheInviteAndAckWithANewBranchIsForTheDialog() {
        SIPRequest invite = req("INVITE", "z9hG4bK-inv", "192.0.2.10:5060", "c1", 1, "f1");
        ServerTransaction tx = in(invite).transaction();
        tx.respond(Responses.create(invite, 486, null, "t1"));
        Inbound ack = in(Sip.ackFor(invite, "t1"));
        assertThat(ack.disposition()).isEqualTo(Disposition.ABSORBED);
        assertThat(ack.transaction()).isSameAs(tx);
        assertThat(tx.state()).isEqualTo(ServerTransaction.State.CONFIRMED);

        Inbound dialogAck = in(req("ACK", "z9hG4bK-ack2", "192.0.2.10:5060", "c9", 1, "f9"));
        assertThat(dialogAck.disposition()).isEqualTo(Disposition.ACK_FOR_2XX);
        assertThat(dialogAck.transaction()).isNull();
        assertThat(h.layer.size()).isEqualTo(1);
        assertAllGone();
    }

    @Test
    void cancelIsItsOwnTransactionAndFindsItsInvite() {
        SIPRequest invite = req("INVITE", "z9hG4bK-inv", "192.0.2.10:5060", "c1", 1, "f1");
        ServerTransaction inviteTx = in(invite).transaction();
        SIPRequest cancel = req("CANCEL", "z9hG4bK-inv", "192.0.2.10:5060", "c1", 1, "f1");
        Inbound c = in(cancel);
        assertThat(c.disposition()).isEqualTo(Disposition.NEW);
        assertThat(c.transaction()).isNotSameAs(inviteTx);
        assertThat(h.layer.inviteFor(cancel)).isSameAs(inviteTx);
        assertThat(h.layer.inviteFor(req("CANCEL", "z9hG4bK-other", "192.0.2.10:5060", "c1", 1, "f1"))).isNull();
        c.transaction().respond(Responses.create(cancel, 200));
        inviteTx.respond(Responses.create(invite, 487, null, "t1"));
        in(Sip.ackFor(invite, "t1"));
        assertAllGone();
    }

    @Test
    void branchesWithoutTheMagicCookieMatchTheRfc2543Way() {
        SIPRequest invite = req("INVITE", "old-style-1", "192.0.2.20:5060", "c2543", 5, "f2543");
        Inbound first = in(invite);
        assertThat(first.disposition()).isEqualTo(Disposition.NEW);
        assertThat(first.transaction().key()).startsWith("2543|");
        assertThat(in(req("INVITE", "old-style-1", "192.0.2.20:5060", "c2543", 5, "f2543")).disposition())
                .isEqualTo(Disposition.ABSORBED);
        // No branch at all: still matched by Call-ID, CSeq, From tag and sent-by.
        Inbound noBranch = in(req("INVITE", null, "192.0.2.21:5060", "c-nb", 1, "fnb"));
        assertThat(noBranch.disposition()).isEqualTo(Disposition.NEW);
        assertThat(in(req("INVITE", null, "192.0.2.21:5060", "c-nb", 1, "fnb")).transaction()).isSameAs(noBranch.transaction());
        assertThat(in(req("INVITE", null, "192.0.2.21:5060", "c-nb", 2, "fnb")).disposition()).isEqualTo(Disposition.NEW);

        SIPRequest cancel = req("CANCEL", "old-style-1", "192.0.2.20:5060", "c2543", 5, "f2543");
        assertThat(h.layer.inviteFor(cancel)).isSameAs(first.transaction());

        first.transaction().respond(Responses.create(invite, 486, null, "t9"));
        Inbound ack = in(Sip.ackFor(invite, "t9"));
        assertThat(ack.disposition()).isEqualTo(Disposition.ABSORBED);
        assertThat(first.transaction().state()).isEqualTo(ServerTransaction.State.CONFIRMED);
    }

    @Test
    void aMergedRequestIsDetectedUntilTheFirstTransactionEnds() {
        SIPRequest a = req("INVITE", "z9hG4bK-via-proxy-a", "192.0.2.30:5060", "forked", 1, "ftag");
        ServerTransaction first = in(a).transaction();
        Inbound merged = in(req("INVITE", "z9hG4bK-via-proxy-b", "192.0.2.31:5060", "forked", 1, "ftag"));
        assertThat(merged.disposition()).isEqualTo(Disposition.MERGED);
        assertThat(merged.transaction()).isNull();
        assertThat(h.counters.snapshot()).containsEntry("merged482", 1L);
        assertThat(h.layer.size()).isEqualTo(1);
        // Another CSeq or another From tag is not a merge.
        assertThat(in(req("INVITE", "z9hG4bK-c", "192.0.2.31:5060", "forked", 2, "ftag")).disposition()).isEqualTo(Disposition.NEW);
        assertThat(in(req("INVITE", "z9hG4bK-d", "192.0.2.31:5060", "forked", 1, "other")).disposition()).isEqualTo(Disposition.NEW);

        first.respond(Responses.create(a, 486, null, "t"));
        in(Sip.ackFor(a, "t"));
        h.lane.runUntilIdle();
        assertThat(in(req("INVITE", "z9hG4bK-via-proxy-b", "192.0.2.31:5060", "forked", 1, "ftag")).disposition())
                .isEqualTo(Disposition.NEW);
    }

    @Test
    void overloadedWhenTheCapIsReachedAndFreeAgainWhenTransactionsEnd() {
        Harness small = new Harness(2);
        SIPRequest r1 = req("OPTIONS", "z9hG4bK-1", "192.0.2.10:5060", "c1", 1, "f1");
        SIPRequest r2 = req("OPTIONS", "z9hG4bK-2", "192.0.2.10:5060", "c2", 1, "f2");
        ServerTransaction t1 = small.layer.onRequest(r1, Sip.tcp()).transaction();
        small.layer.onRequest(r2, Sip.tcp());
        Inbound third = small.layer.onRequest(req("OPTIONS", "z9hG4bK-3", "192.0.2.10:5060", "c3", 1, "f3"), Sip.tcp());
        assertThat(third.disposition()).isEqualTo(Disposition.OVERLOADED);
        assertThat(third.transaction()).isNull();
        assertThat(small.counters.snapshot()).containsEntry("overload503", 1L);
        // A retransmission of an existing transaction is still matched.
        assertThat(small.layer.onRequest(r1, Sip.tcp()).disposition()).isEqualTo(Disposition.ABSORBED);
        t1.respond(Responses.create(r1, 200));
        small.lane.runAll();
        assertThat(small.layer.onRequest(req("OPTIONS", "z9hG4bK-3", "192.0.2.10:5060", "c3", 1, "f3"), Sip.tcp()).disposition())
                .isEqualTo(Disposition.NEW);
        assertThat(small.counters.unhandledEvents()).isZero();
    }

    @Test
    void clientAndServerTransactionsAllLeaveTheLayerAfterTheirTimers() {
        RecordingListener tu = new RecordingListener(h.lane);
        ClientTransaction out = h.layer.send(Sip.request("OPTIONS", Transport.UDP, "z9hG4bK-o", "oc", 1, "of"), Sip.udp(), tu);
        SIPRequest invite = req("INVITE", "z9hG4bK-i", "192.0.2.10:5060", "ic", 1, "if");
        ServerTransaction inTx = in(invite).transaction();
        assertThat(h.layer.size()).isEqualTo(2);
        assertThat(h.counters.open()).isEqualTo(2);
        h.layer.onResponse(Responses.create(out.request(), 200, null, "x"));
        inTx.respond(Responses.create(invite, 200, null, "y"));
        inTx.ackReceived();
        assertAllGone();
        assertThat(tu.statuses()).containsExactly(200);
    }

    @Test
    void terminateAllEmptiesTheLayer() {
        in(req("OPTIONS", "z9hG4bK-1", "192.0.2.10:5060", "c1", 1, "f1"));
        h.layer.send(Sip.request("OPTIONS", Transport.UDP, "z9hG4bK-o", "oc", 1, "of"), Sip.udp(), new RecordingListener(h.lane));
        h.layer.terminateAll();
        assertThat(h.layer.size()).isZero();
        assertThat(h.counters.open()).isZero();
        int sent = h.wire.sent().size();
        h.lane.runUntilIdle();
        assertThat(h.wire.sent()).as("no timer survives terminateAll").hasSize(sent);
    }
}
