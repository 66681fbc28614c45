package io.switchboard.sip;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.b2bua.B2bua;
import io.switchboard.sip.b2bua.LaneContext;
import io.switchboard.sip.codec.KnownMethods;
import io.switchboard.sip.codec.UasRequestChecks;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.registrar.Registrar;
import io.switchboard.sip.transaction.Destination;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP logic of one lane: receives decoded messages for the Call-IDs hashed to this lane,
 * runs them through the transaction layer and hands new requests to the registrar or the B2BUA
 * (the transaction user, RFC 3261 §8.2).
 */
final class LaneCore {
    private static final Logger log = LoggerFactory.getLogger(LaneCore.class);

    private final LaneContext ctx;
    private final Registrar registrar;
    private final B2bua b2bua;

    LaneCore(LaneContext ctx, Registrar registrar, int laneIndex) {
        this.ctx = ctx;
        this.registrar = registrar;
        this.b2bua = new B2bua(ctx, laneIndex);
    }

    B2bua b2bua() {
        return b2bua;
    }

    TransactionLayer transactions() {
        return ctx.transactions();
    }

    void onRequest(SIPRequest req, Flow flow) {
        markReceived(req, flow);
        Destination replyTo = responseDestination(req.getTopmostVia(), flow);
        TransactionLayer.Inbound in = ctx.transactions().onRequest(req, replyTo);
        switch (in.disposition()) {
            case ABSORBED -> { }
            case ACK_FOR_2XX -> {
                try {
                    b2bua.onAck(req, flow);
                } catch (RuntimeException e) {
                    log.warn("ACK {} from {} could not be handled: {}", req.getCallId().getCallId(), flow.remote(), e.toString());
                    log.debug("ACK handling failure", e);
                }
            }
            case MERGED -> stateless(req, replyTo, 482, "Loop Detected (merged request)");
            case OVERLOADED -> stateless(req, replyTo, 503, "Service Unavailable (overloaded)");
            case NEW -> safely(in.transaction(), req, flow);
            default -> throw new IllegalStateException("unknown disposition " + in.disposition());
        }
    }

    void onResponse(SIPResponse resp) {
        try {
            ctx.transactions().onResponse(resp);
        } catch (RuntimeException e) {
            log.warn("response {} {} for Call-ID {} could not be handled: {}", resp.getStatusCode(), resp.getCSeq().getMethod(),
                    resp.getCallId().getCallId(), e.toString());
            log.debug("response handling failure", e);
        }
    }

    /**
     * Dispatches a new request; a request our code cannot handle (a peer's odd but parseable input
     * that hits a gap) is answered 500 with a log line instead of being left unanswered.
     */
    private void safely(ServerTransaction tx, SIPRequest req, Flow flow) {
        try {
            dispatch(tx, req, flow);
        } catch (RuntimeException e) {
            log.warn("{} {} from {} could not be handled, answered 500: {}", req.getMethod(), req.getCallId().getCallId(),
                    flow.remote(), e.toString());
            log.debug("request handling failure", e);
            if (tx.isPending() && !"ACK".equals(req.getMethod())) {
                tx.respond(Responses.create(req, 500, "Server Internal Error (" + e.getClass().getSimpleName() + ")", null));
            }
        }
    }

    private void dispatch(ServerTransaction tx, SIPRequest req, Flow flow) {
        String method = req.getMethod();
        if ("INVITE".equals(method)) {
            tx.respond(Responses.create(req, 100));
        }
        Optional<UasRequestChecks.Rejection> rejection = UasRequestChecks.check(req);
        if (rejection.isPresent()) {
            tx.respond(Responses.withToTag(rejection.get().toResponse(req), null));
            return;
        }
        if ("CANCEL".equals(method)) {
            cancel(tx, req);
            return;
        }
        if (req.getToTag() != null) {
            b2bua.inDialog(tx, req, flow);
            return;
        }
        switch (method) {
            case "REGISTER" -> registrar.handle(tx, req, flow);
            case "INVITE" -> b2bua.newCall(tx, req, flow);
            case "OPTIONS" -> {
                SIPResponse ok = Responses.create(req, 200);
                Responses.add(ok, "Allow", KnownMethods.ALLOW);
                Responses.add(ok, "Accept", "application/sdp");
                Responses.add(ok, "Supported", "");
                tx.respond(ok);
            }
            case "BYE", "UPDATE", "INFO", "PRACK", "NOTIFY" -> tx.respond(Responses.create(req, 481));
            default -> {
                SIPResponse r = Responses.create(req, 405);
                Responses.add(r, "Allow", KnownMethods.ALLOW);
                tx.respond(r);
            }
        }
    }

    private void cancel(ServerTransaction tx, SIPRequest cancel) {
        ServerTransaction invite = ctx.transactions().inviteFor(cancel);
        if (invite == null) {
            tx.respond(Responses.create(cancel, 481));
            return;
        }
        tx.respond(Responses.create(cancel, 200));
        if (invite.isPending()) {
            b2bua.onCancel(invite, invite.request());
        }
    }

    private void stateless(SIPRequest req, Destination to, int status, String reason) {
        if ("ACK".equals(req.getMethod())) {
            return;
        }
        SIPResponse r = Responses.create(req, status, reason, null);
        ctx.transactions().sendStateless(r.encodeAsBytes(to.transport().token()), to);
    }

    /** RFC 3261 §18.2.1 and RFC 3581 §4: record where the request really came from in its top Via. */
    private static void markReceived(SIPRequest req, Flow flow) {
        Via via = req.getTopmostVia();
        String ip = flow.remote().getAddress().getHostAddress();
        try {
            if (via.hasParameter("rport")) {
                via.setParameter("rport", Integer.toString(flow.remote().getPort()));
                via.setReceived(ip);
            } else if (!ip.equals(via.getHost())) {
                via.setReceived(ip);
            }
        } catch (ParseException e) {
            log.debug("cannot mark Via of {}: {}", req.getCallId(), e.getMessage());
        }
    }

    /** RFC 3261 §18.2.2 (with RFC 3581): where responses to this request go. */
    static Destination responseDestination(Via via, Flow flow) {
        if (flow.transport() == Transport.TCP) {
            return Destination.of(flow);
        }
        if (via.hasParameter("rport") || via.getReceived() != null && via.getPort() <= 0) {
            return Destination.of(flow);
        }
        int port = via.getPort() > 0 ? via.getPort() : 5060;
        String host = via.getReceived() != null ? via.getReceived() : flow.remote().getAddress().getHostAddress();
        InetSocketAddress addr = new InetSocketAddress(host, port);
        if (addr.equals(flow.remote())) {
            return Destination.of(flow);
        }
        return new Destination(Transport.UDP, addr, flow);
    }
}
