package io.switchboard.sip.b2bua;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.media.bridge.Side;
import io.switchboard.sip.dialog.Leg;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.Destination;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Transport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests inside an established call (RFC 3261 §12.2): BYE ends the call; re-INVITE, UPDATE, INFO
 * and the like are relayed to the other leg with that leg's dialog state, and the final response
 * comes back. A leg allows one session change at a time (§14.1: 491 on glare, 500 with
 * Retry-After while one of its own is pending); the ACK for a relayed re-INVITE's 2xx is forwarded.
 */
final class InDialogRelay {
    private static final Logger log = LoggerFactory.getLogger(InDialogRelay.class);

    /** How the relay ends a call (BYE the other legs, write the CDR). */
    interface CallEnder {
        void end(Call call, Leg hungUp, String cause, String by);
    }

    private final LaneContext ctx;
    private final RequestText text;
    private final LegRouter router;
    private final Map<String, Leg> legs;
    private final CallEnder ender;

    InDialogRelay(LaneContext ctx, RequestText text, LegRouter router, Map<String, Leg> legs, CallEnder ender) {
        this.ctx = ctx;
        this.text = text;
        this.router = router;
        this.legs = legs;
        this.ender = ender;
    }

    /** Pending relayed re-INVITEs waiting for the ACK from the leg we answered. */
    private record Pending(ServerTransaction tx, Leg other) { }

    private final Map<String, Pending> pendingAcks = new HashMap<>();

    /** A request with a To tag: BYE ends the call, the rest are relayed to the other leg. */
    void inDialog(ServerTransaction tx, SIPRequest req, Flow flow) {
        Leg leg = legs.get(req.getCallId().getCallId());
        if (leg == null || !(leg.owner instanceof Call call) || !req.getToTag().equals(leg.localTag)
                || (leg.remoteTag != null && !leg.remoteTag.equals(req.getFromTag()))) {
            tx.respond(Responses.create(req, 481));
            return;
        }
        long cseq = req.getCSeq().getSeqNumber();
        if (cseq <= leg.remoteCseq && leg.remoteCseq > 0 && !"ACK".equals(req.getMethod())) {
            tx.respond(Responses.create(req, 500, "Server Internal Error (CSeq out of order)", null));
            return;
        }
        leg.remoteCseq = cseq;
        if (flow.transport() == Transport.TCP) {
            leg.flow = flow;
        }
        String method = req.getMethod();
        if ("BYE".equals(method)) {
            tx.respond(Responses.create(req, 200));
            String by = leg == call.a ? "caller" : "callee";
            ender.end(call, leg, by + " hung up", by);
            return;
        }
        Leg other = call.other(leg);
        if (other == null && call.local != null && leg == call.a && call.state != Call.State.ENDED) {
            answerLocally(call, leg, tx, req);
            return;
        }
        if (other == null || call.state == Call.State.ENDED || !other.confirmed) {
            tx.respond(Responses.create(req, 481));
            return;
        }
        boolean sessionChange = "INVITE".equals(method) || "UPDATE".equals(method);
        if (sessionChange) {
            if (leg.incomingReinvite) {
                SIPResponse r = Responses.create(req, 500, "Server Internal Error (a re-INVITE is in progress)", null);
                Responses.add(r, "Retry-After", "1");
                tx.respond(r);
                return;
            }
            if (leg.outgoingReinvite || other.incomingReinvite || other.outgoingReinvite) {
                tx.respond(Responses.create(req, 491));
                return;
            }
            if (req.getContactHeader() != null) {
                leg.remoteTarget = req.getContactHeader().getAddress().getURI().toString();
            }
            leg.incomingReinvite = true;
            other.outgoingReinvite = true;
        }
        relay(call, leg, other, tx, req, sessionChange);
    }

    /**
     * A request from a caller the switch answered itself (an IVR, nobody bridged yet): a re-INVITE or UPDATE
     * gets our own answer (hold, a codec change, a session refresh), SIP INFO keys (application/dtmf-relay)
     * go to the application, OPTIONS gets 200; anything else is not for an IVR (501).
     */
    private void answerLocally(Call call, Leg leg, ServerTransaction tx, SIPRequest req) {
        String method = req.getMethod();
        if ("INVITE".equals(method) || "UPDATE".equals(method)) {
            if (req.getContactHeader() != null) {
                leg.remoteTarget = req.getContactHeader().getAddress().getURI().toString();
            }
            byte[] offer = MessageParts.sdp(req);
            CallMedia.Outcome o = offer != null ? call.media.answerOffer(Side.A, offer) : call.media.freshOffer(Side.A);
            if (!o.isOk()) {
                SIPResponse r = o.refusal(req, ctx.host());
                tx.respond(r);
                return;
            }
            SIPResponse ok = Responses.create(req, 200, null, leg.localTag);
            MessageParts.setSdp(ok, o.bytes());
            Responses.add(ok, "Contact", text.contact(leg.transport));
            if ("INVITE".equals(method)) {
                String key = leg.callId + "|" + req.getCSeq().getSeqNumber();
                pendingAcks.put(key, new Pending(tx, null));
                tx.onNoAck(() -> pendingAcks.remove(key));
            }
            tx.respond(ok);
            return;
        }
        if ("INFO".equals(method)) {
            char digit = dtmfRelaySignal(req);
            tx.respond(Responses.create(req, 200));
            if (digit != 0) {
                log.info("call {}: DTMF {} from the caller (SIP INFO)", call.a.callId, digit);
                call.local.digit(digit);
            }
            return;
        }
        if ("OPTIONS".equals(method)) {
            tx.respond(Responses.create(req, 200));
            return;
        }
        tx.respond(Responses.create(req, 501, "Not Implemented (" + method + " to an IVR)", null));
    }

    /** The key of an {@code application/dtmf-relay} INFO body ({@code Signal=5}), or 0. */
    private static char dtmfRelaySignal(SIPRequest req) {
        String type = MessageParts.contentType(req);
        byte[] body = req.getRawContent();
        if (type == null || body == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/dtmf-relay")) {
            return 0;
        }
        for (String line : new String(body, java.nio.charset.StandardCharsets.UTF_8).split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("Signal")) {
                String v = line.substring(eq + 1).trim().toUpperCase(java.util.Locale.ROOT);
                if (v.length() == 1 && "0123456789*#ABCD".indexOf(v.charAt(0)) >= 0) {
                    return v.charAt(0);
                }
            }
        }
        return 0;
    }

    private void relay(Call call, Leg from, Leg to, ServerTransaction tx, SIPRequest req, boolean sessionChange) {
        String method = req.getMethod();
        to.localCseq++;
        long cseq = to.localCseq;
        if ("INVITE".equals(method)) {
            to.inviteCseq = cseq;
        }
        StringBuilder extra = new StringBuilder();
        for (String name : List.of("Content-Disposition", "Event", "Subscription-State", "Refer-To", "Referred-By", "Info-Package")) {
            if (req.getHeader(name) != null) {
                extra.append(req.getHeader(name).toString());
            }
        }
        Side fromSide = from == call.a ? Side.A : Side.B;
        String contentType = MessageParts.contentType(req);
        byte[] body = req.getRawContent();
        byte[] offer = sessionChange ? MessageParts.sdp(req) : null;
        if (offer != null) {
            CallMedia.Outcome o = call.media.offerFrom(fromSide, offer);
            if (!o.isOk()) {
                SIPResponse r = o.refusal(req, ctx.host());
                tx.respond(r);
                from.incomingReinvite = false;
                to.outgoingReinvite = false;
                return;
            }
            contentType = "application/sdp";
            body = o.bytes();
        }
        boolean offered = offer != null;
        byte[] bytes = text.request(to, method, to.remoteTarget, cseq, 70, sessionChange, contentType, body,
                extra.toString());
        Destination d = router.legDestination(to);
        if (d == null) {
            tx.respond(Responses.create(req, 480, "Temporarily Unavailable (cannot reach the other party)", null));
            from.incomingReinvite = false;
            to.outgoingReinvite = false;
            return;
        }
        ctx.transactions().send(ctx.parseOwn(bytes), d, new ClientTransaction.Listener() {
            @Override
            public void onResponse(ClientTransaction ctxTx, SIPResponse r) {
                int status = r.getStatusCode();
                if (status < 200) {
                    return;
                }
                if (sessionChange) {
                    from.incomingReinvite = false;
                    to.outgoingReinvite = false;
                }
                if ("INVITE".equals(method) && status < 300) {
                    if (r.getContactHeader() != null) {
                        to.remoteTarget = r.getContactHeader().getAddress().getURI().toString();
                    }
                    pendingAcks.put(from.callId + "|" + req.getCSeq().getSeqNumber(), new Pending(tx, to));
                    tx.onNoAck(() -> pendingAcks.remove(from.callId + "|" + req.getCSeq().getSeqNumber()));
                } else if ("INVITE".equals(method)) {
                    // the transaction ACKed the error itself; nothing more to send on 'to'
                    to.lastAck = null;
                }
                SIPResponse back = Responses.create(req, status, r.getReasonPhrase(), from.localTag);
                if (sessionChange) {
                    sessionBody(call, fromSide, offered, r, back);
                } else {
                    MessageParts.copyBody(r, back);
                }
                if (sessionChange && status < 300) {
                    Responses.add(back, "Contact", text.contact(from.transport));
                }
                tx.respond(back);
                if (status == 481 || status == 408) {
                    ender.end(call, to, "other party lost the dialog (" + status + ")", "switch");
                }
            }

            @Override
            public void onTimeout(ClientTransaction ctxTx) {
                if (sessionChange) {
                    from.incomingReinvite = false;
                    to.outgoingReinvite = false;
                }
                tx.respond(Responses.create(req, 408, "Request Timeout (other party did not answer)", from.localTag));
                ender.end(call, to, "other party unreachable", "switch");
            }
        });
    }

    /**
     * The SDP of a session change's final response, for the requester: on a 2xx, the answer to the offer
     * we relayed becomes our answer (or, for an offerless re-INVITE, the other leg's offer becomes ours);
     * on a failure the relayed offer is forgotten.
     */
    private void sessionBody(Call call, Side requester, boolean offered, SIPResponse r, SIPResponse back) {
        Side answerer = requester.other();
        if (r.getStatusCode() >= 300) {
            call.media.abandon(requester);
            return;
        }
        byte[] sdp = MessageParts.sdp(r);
        if (sdp == null) {
            return;
        }
        CallMedia.Outcome o = offered ? call.media.answerFrom(answerer, sdp, false) : call.media.offerFrom(answerer, sdp);
        if (!o.isOk()) {
            log.info("call {}: unusable SDP from the {}: {}", call.a.callId, answerer == Side.A ? "caller" : "callee", o.reason());
            return;
        }
        MessageParts.setSdp(back, o.bytes());
    }

    /** An ACK for a relayed re-INVITE's 2xx: stop our retransmissions and pass it on. True if it was one. */
    boolean onAck(Leg leg, SIPRequest ack) {
        Pending p = pendingAcks.remove(leg.callId + "|" + ack.getCSeq().getSeqNumber());
        if (p == null) {
            return false;
        }
        p.tx.ackReceived();
        byte[] answer = MessageParts.sdp(ack);
        byte[] body = null;
        if (answer != null && leg.owner instanceof Call call) {
            CallMedia.Outcome o = call.media.answerFrom(leg == call.a ? Side.A : Side.B, answer, false);
            body = o.isOk() ? o.bytes() : null;
        }
        if (p.other != null) {
            ackSender.send(p.other, body == null ? null : "application/sdp", body);
        }
        return true;
    }

    /** Drops what is kept for a call that has ended. */
    void forget(Call call) {
        if (!pendingAcks.isEmpty()) {
            pendingAcks.keySet().removeIf(k -> k.startsWith(call.a.callId + "|") || (call.b != null && k.startsWith(call.b.callId + "|")));
        }
    }

    /** Sends the ACK for a 2xx on a leg (the B2BUA's own). */
    interface AckSender {
        void send(Leg leg, String contentType, byte[] body);
    }

    private AckSender ackSender;

    void ackSender(AckSender sender) {
        this.ackSender = sender;
    }
}
