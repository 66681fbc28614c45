package io.switchboard.sip.b2bua;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.id.Ids;
import io.switchboard.core.lane.LaneGroup;
import io.switchboard.media.bridge.Side;
import io.switchboard.media.rtcp.StreamQuality;
import io.switchboard.media.record.RecordingResult;
import io.switchboard.sip.auth.DigestAuth;
import io.switchboard.sip.auth.DigestClient;
import io.switchboard.sip.codec.KnownMethods;
import io.switchboard.sip.dialog.Leg;
import io.switchboard.sip.directory.Extension;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.media.DtmfEvent;
import io.switchboard.sip.registrar.Binding;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.Destination;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Transport;
import io.switchboard.sip.trunk.InboundRouter;
import io.switchboard.sip.trunk.OutboundRouter;
import io.switchboard.sip.trunk.Trunk;
import io.switchboard.sip.trunk.TrunkStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.address.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-to-back user agent of one lane: calls between local extensions (RFC 3261 §§12–15 on
 * each leg). Leg A is the caller's dialog, leg B the callee's; before the answer there is one fork
 * per callee contact (parallel forking, first 2xx wins, the rest are CANCELled). Every leg's
 * Call-ID is pinned to this lane, so all of a call's messages are handled here without locks.
 */
public final class B2bua {
    private static final Logger log = LoggerFactory.getLogger(B2bua.class);
    private static final Logger cdrLog = LoggerFactory.getLogger("cdr");

    private final LaneContext ctx;
    private final int laneIndex;
    private final RequestText text;
    private final Map<String, Leg> legs = new HashMap<>();
    private final LegRouter router;
    private final InDialogRelay relay;

    private CallRecordListener calls = CallRecordListener.NONE;

    /** Who hears about every call's start and end (CDR storage); set before the lane takes calls. */
    public void onCall(CallRecordListener listener) {
        this.calls = java.util.Objects.requireNonNull(listener);
    }

    public B2bua(LaneContext ctx, int laneIndex) {
        this.ctx = ctx;
        this.laneIndex = laneIndex;
        this.text = new RequestText(ctx.host(), ctx.port());
        this.router = new LegRouter(ctx);
        this.relay = new InDialogRelay(ctx, text, router, legs, this::endCall);
        relay.ackSender(this::sendAck);
    }

    /** A request with a To tag: BYE ends the call, the rest are relayed to the other leg. */
    public void inDialog(ServerTransaction tx, SIPRequest req, Flow flow) {
        relay.inDialog(tx, req, flow);
    }

    public int calls() {
        int n = 0;
        for (Leg l : legs.values()) {
            if (l.side == Leg.Side.A) {
                n++;
            }
        }
        return n;
    }

    /** True when {@code req} carries one of our own Via branches: we sent it and it came back. */
    public boolean isLoop(SIPRequest req) {
        for (Iterator<?> it = req.getViaHeaders().listIterator(); it.hasNext();) {
            Via v = (Via) it.next();
            String branch = v.getBranch();
            if (branch != null && branch.startsWith(RequestText.BRANCH_PREFIX) && v.getPort() == ctx.port()
                    && ctx.host().equalsIgnoreCase(v.getHost())) {
                return true;
            }
        }
        return false;
    }

    // ---- new calls -------------------------------------------------------------------------

    /** An out-of-dialog INVITE: authenticate the caller, find the callee's contacts, fork. */
    public void newCall(ServerTransaction tx, SIPRequest req, Flow flow) {
        if (req.getMaxForwards() != null && req.getMaxForwards().getMaxForwards() <= 0) {
            tx.respond(Responses.create(req, 483));
            return;
        }
        if (isLoop(req)) {
            tx.respond(Responses.create(req, 482, "Loop Detected", null));
            return;
        }
        Optional<Trunk> trunk = ctx.trunks().match(flow.remote());
        if (trunk.isPresent()) {
            inboundFromTrunk(tx, req, flow, trunk.get());
            return;
        }
        DigestAuth.Result auth = ctx.auth().verify(req, "Proxy-Authorization",
                user -> ctx.directory().find(user).flatMap(Extension::password));
        if (auth instanceof DigestAuth.Missing && dialsOurDid(req) && !ctx.bindings().isPhoneAddress(flow.remote().getAddress().getHostAddress())) {
            // A stranger (not a trunk, not where any of our phones registered from) calling one of our
            // numbers: carriers must be configured as trunks, so this is a scan or a misconfiguration.
            ctx.policy().countNonTrunkCall();
            log.info("INVITE {} from {} to DID {} refused: not from a trunk", req.getCallId().getCallId(), flow.remote(),
                    ((SipUri) req.getRequestURI()).getUser());
            tx.respond(Responses.create(req, 403, "Forbidden (not from a trunk)", null));
            return;
        }
        if (auth instanceof DigestAuth.Missing || auth instanceof DigestAuth.Stale) {
            SIPResponse r = Responses.create(req, 407);
            for (String c : ctx.auth().challenges(auth instanceof DigestAuth.Stale)) {
                Responses.add(r, "Proxy-Authenticate", c);
            }
            tx.respond(r);
            return;
        }
        if (auth instanceof DigestAuth.Failed f) {
            ctx.policy().authFailed(flow.remote().getAddress(), f.username(), f.reason());
            log.info("INVITE {} from {}: authentication failed ({})", req.getCallId().getCallId(), flow.remote(), f.reason());
            tx.respond(Responses.create(req, 403, "Forbidden (authentication failed)", null));
            return;
        }
        String caller = ((DigestAuth.Ok) auth).username();
        ctx.policy().authSucceeded(flow.remote().getAddress());
        URI ruri = req.getRequestURI();
        String callee = ruri instanceof SipUri s ? s.getUser() : null;
        Optional<Extension> target = ctx.directory().find(callee);
        if (target.isEmpty()) {
            Optional<String> app = callee == null ? Optional.empty() : ctx.applications().applicationFor(callee);
            if (app.isPresent()) {
                if (!overCallLimit(tx, req)) {
                    log.info("call {} from {} to {}: answered by flow {}", req.getCallId().getCallId(), caller, callee, app.get());
                    answerLocally(tx, req, flow, caller, callee, app.get());
                }
                return;
            }
            outbound(tx, req, flow, caller, callee);
            return;
        }
        List<Call.Target> targets = extensionTargets(req, caller, target.get());
        if (targets.isEmpty()) {
            tx.respond(Responses.create(req, 480, "Temporarily Unavailable (" + callee + " is not registered)", null));
            return;
        }
        if (overCallLimit(tx, req)) {
            return;
        }
        startCall(tx, req, flow, caller, callee, targets, List.of());
    }

    /** True when the Request-URI's user is one of our inbound numbers (the dialplan routes it to an extension). */
    private boolean dialsOurDid(SIPRequest req) {
        if (!(req.getRequestURI() instanceof SipUri s) || s.getUser() == null || ctx.directory().find(s.getUser()).isPresent()) {
            return false;
        }
        InboundRouter.Decision d = ctx.inbound().route(s.getUser(), null);
        return d instanceof InboundRouter.ToExtension || d instanceof InboundRouter.ToFlow
                || ctx.applications().applicationFor(s.getUser()).isPresent();
    }

    /**
     * Sends the INVITE of one fork (a new B leg with its own pinned Call-ID). A fork over a trunk first
     * takes one of the trunk's channels; a trunk at its channel or call-rate limit fails the fork with 503
     * at once (so the next trunk is tried).
     */
    private void startFork(Call call, Call.Target t) {
        Destination d = t.destination();
        Leg b = new Leg(Leg.Side.B, LaneGroup.pinnedPrefix(laneIndex) + Ids.token(20), Ids.token(10), t.from(), t.to(), d.transport());
        b.localCseq = 1;
        b.inviteCseq = 1;
        b.owner = call;
        Call.Fork fork = new Call.Fork(b, t);
        fork.dialGeneration = call.local == null ? 0 : call.local.dialGeneration;
        call.forks.add(fork);
        if (t.trunk() != null) {
            if (!t.trunk().tryAcquire(ctx.clock().millis())) {
                log.info("call {}: {} is at its channel or call-rate limit", call.a.callId, t.label());
                forkFailed(call, fork, 503, "Service Unavailable (" + t.label() + " at its limit)");
                return;
            }
            fork.trunkHeld = t.trunk();
        }
        legs.put(b.callId, b);
        sendForkInvite(call, fork, null);
    }

    private void sendForkInvite(Call call, Call.Fork fork, String credentials) {
        Call.Target t = fork.target;
        Leg b = fork.leg;
        String extra = "Allow: " + KnownMethods.ALLOW + "\r\n" + t.extraHeaders() + (credentials == null ? "" : credentials + "\r\n");
        byte[] bytes = text.request(b, "INVITE", t.uri(), b.inviteCseq, call.maxForwards, true, call.contentType, call.body, extra);
        SIPRequest out = ctx.parseOwn(bytes);
        b.invite = out;
        fork.tx = ctx.transactions().send(out, t.destination(), new ForkListener(call, fork));
    }

    /**
     * A trunk challenged our INVITE (401/407): answer once with the trunk's credentials, as a new INVITE
     * with the next CSeq in the same Call-ID (RFC 3261 §22.2). False when there is nothing to answer with.
     */
    private boolean answerChallenge(Call call, Call.Fork fork, SIPResponse r) {
        Trunk.Credentials cred = fork.target.credentials();
        if (cred == null || fork.authTried || fork.cancelWanted) {
            return false;
        }
        String header = r.getStatusCode() == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
        javax.sip.header.Header h = r.getHeader(header);
        DigestClient.Challenge c = h == null ? null : DigestClient.parse(h.toString().substring(header.length() + 1).trim());
        if (c == null) {
            return false;
        }
        fork.authTried = true;
        fork.leg.localCseq++;
        fork.leg.inviteCseq = fork.leg.localCseq;
        String value = DigestClient.authorization(c, "INVITE", fork.target.uri(), cred.authUsername(), cred.password(), 1);
        sendForkInvite(call, fork, (r.getStatusCode() == 401 ? "Authorization: " : "Proxy-Authorization: ") + value);
        return true;
    }

    /** The From a B leg presents for {@code caller}: the caller's display name and our domain. */
    private String fromFor(SIPRequest req, String caller) {
        String display = req.getFrom().getAddress().getDisplayName();
        return (display == null || display.isEmpty() ? "" : MessageParts.quote(display) + " ")
                + "<sip:" + caller + "@" + ctx.config().domain() + ">";
    }

    /** Fork targets for ringing an extension: every contact in parallel. */
    private List<Call.Target> extensionTargets(SIPRequest req, String caller, Extension target) {
        List<Destination> dests = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        contactsOf(target, dests, uris);
        List<Call.Target> out = new ArrayList<>();
        String from = fromFor(req, caller);
        String to = "<sip:" + target.number() + "@" + ctx.config().domain() + ">";
        for (int i = 0; i < dests.size(); i++) {
            out.add(new Call.Target(dests.get(i), uris.get(i), from, to, uris.get(i)));
        }
        return out;
    }

    /** Answers 503 with Retry-After when {@code sip.limits.maxCalls} calls are up already. */
    private boolean overCallLimit(ServerTransaction tx, SIPRequest req) {
        if (ctx.activeCalls().get() < ctx.config().maxCalls()) {
            return false;
        }
        SIPResponse r = Responses.create(req, 503, "Service Unavailable (call limit)", null);
        Responses.add(r, "Retry-After", "5");
        tx.respond(r);
        return true;
    }

    /** The destinations (and URIs) to fork to for an extension: its static contact or its registrations. */
    private void contactsOf(Extension target, List<Destination> dests, List<String> uris) {
        if (target.staticContact().isPresent()) {
            String uri = target.staticContact().get();
            Destination d = router.destinationFor(uri, null);
            if (d != null) {
                dests.add(d);
                uris.add(uri);
            }
            return;
        }
        for (Binding b : ctx.bindings().get(target.number())) {
            Destination d = router.destinationFor(b.contact(), b);
            if (d != null) {
                dests.add(d);
                uris.add(b.contact());
            }
        }
    }

    /**
     * An extension dialled something that is not an extension: the outbound plan picks the trunks
     * (tried in order, failover on 5xx/408/timeouts) or refuses (unroutable, not permitted).
     */
    private void outbound(ServerTransaction tx, SIPRequest req, Flow flow, String caller, String dialled) {
        if (ctx.policy().tollFraud().isBlocked(caller)) {
            log.info("outbound call {} from {} to '{}' refused: the extension is blocked by the toll-fraud guard", req.getCallId().getCallId(),
                    caller, dialled);
            tx.respond(Responses.create(req, 403, "Forbidden (outbound calls blocked after repeated refused attempts)", null));
            return;
        }
        OutboundRouter.Decision decision = ctx.outbound().route(dialled, caller);
        if (decision instanceof OutboundRouter.Refuse r) {
            if (r.status() != 404 || ctx.outbound() != OutboundRouter.NONE) {
                log.info("outbound call {} from {} to '{}' refused: {} {}", req.getCallId().getCallId(), caller, dialled, r.status(), r.reason());
                ctx.policy().tollFraud().refused(caller, flow.remote().getAddress().getHostAddress(), dialled, r.status());
            }
            tx.respond(Responses.create(req, r.status(), r.reason(), null));
            return;
        }
        List<String> skipped = new ArrayList<>();
        List<Call.Target> hops = usableHops((OutboundRouter.Route) decision, skipped);
        if (hops.isEmpty()) {
            log.info("outbound call {} from {} to {}: no trunk usable{}", req.getCallId().getCallId(), caller, dialled,
                    skipped.isEmpty() ? "" : " (down or not registered: " + skipped + ")");
            tx.respond(Responses.create(req, 503, "Service Unavailable (no trunk reachable)", null));
            return;
        }
        if (overCallLimit(tx, req)) {
            return;
        }
        log.info("outbound call {} from {} to {} via {}", req.getCallId().getCallId(), caller, dialled,
                hops.stream().map(Call.Target::label).toList());
        startCall(tx, req, flow, caller, dialled, List.of(hops.get(0)), hops.subList(1, hops.size()));
    }

    /** The route's hops whose trunks are usable now (down or unregistered trunks are named in {@code skipped}). */
    private List<Call.Target> usableHops(OutboundRouter.Route route, List<String> skipped) {
        List<Call.Target> hops = new ArrayList<>();
        for (OutboundRouter.Hop h : route.hops()) {
            TrunkStatus status = ctx.trunks().status(h.trunk());
            if (status != null && !status.usable()) {
                skipped.add(h.trunk());
                continue;
            }
            String uri = "sip:" + h.number() + "@" + h.host() + ":" + h.port();
            Destination d = router.destinationFor(uri, null);
            if (d != null) {
                hops.add(trunkTarget(d, uri, h, status));
            }
        }
        return hops;
    }

    /**
     * The target of an outbound hop: the caller ID presented as the trunk wants it (From, or From and
     * P-Asserted-Identity per RFC 3325, or anonymous with Privacy: id per RFC 3323), and the trunk's
     * credentials for a challenge.
     */
    private Call.Target trunkTarget(Destination d, String uri, OutboundRouter.Hop h, TrunkStatus status) {
        Trunk.Settings settings = status == null ? Trunk.Settings.NONE : status.trunk().settings();
        String identity = "<sip:" + h.callerId() + "@" + ctx.host() + ">";
        String from = identity;
        String extra = "";
        if (settings.identity() == Trunk.Identity.PAI) {
            extra = "P-Asserted-Identity: " + identity + "\r\n";
        } else if (settings.identity() == Trunk.Identity.ANONYMOUS) {
            from = "\"Anonymous\" <sip:anonymous@anonymous.invalid>";
            extra = "P-Asserted-Identity: " + identity + "\r\nPrivacy: id\r\n";
        }
        return new Call.Target(d, uri, from, "<sip:" + h.number() + "@" + h.host() + ">", "trunk " + h.trunk(), status,
                settings.credentials(), extra);
    }

    /**
     * An INVITE from a carrier trunk (authenticated by its source address, no digest): the dialplan
     * decides from the dialled number (DID) which extension rings, or refuses the call.
     */
    private void inboundFromTrunk(ServerTransaction tx, SIPRequest req, Flow flow, Trunk trunk) {
        URI ruri = req.getRequestURI();
        String dialled = ruri instanceof SipUri s && s.getUser() != null ? s.getUser()
                : ruri instanceof gov.nist.javax.sip.address.TelURLImpl tel ? tel.getPhoneNumber() : ruri.toString();
        Trunk.Credentials registered = trunk.settings().register() ? trunk.settings().credentials() : null;
        if (registered != null && dialled.equals(registered.username()) && req.getTo().getAddress().getURI() instanceof SipUri to
                && to.getUser() != null) {
            // a registration trunk calls our Contact (its username); the number dialled is in To
            dialled = to.getUser();
        }
        InboundRouter.Decision decision = ctx.inbound().route(dialled, trunk);
        String callId = req.getCallId().getCallId();
        if (decision instanceof InboundRouter.Refuse r && r.status() == 404) {
            // no dialplan rule: a flow that lists the number among its own answers it
            Optional<String> app = ctx.applications().applicationFor(dialled);
            if (app.isPresent()) {
                decision = new InboundRouter.ToFlow(app.get(), dialled);
            }
        }
        if (decision instanceof InboundRouter.Refuse r) {
            log.info("inbound call {} from trunk {} to '{}' refused: {}{}", callId, trunk.name(), dialled, r.status(),
                    r.reason() == null ? "" : " " + r.reason());
            tx.respond(Responses.create(req, r.status(), r.reason(), null));
            return;
        }
        if (decision instanceof InboundRouter.ToFlow tf) {
            inboundToFlow(tx, req, flow, trunk, tf);
            return;
        }
        InboundRouter.ToExtension to = (InboundRouter.ToExtension) decision;
        Optional<Extension> target = ctx.directory().find(to.extension());
        if (target.isEmpty()) {
            log.warn("inbound call {} from trunk {} to {}: the dialplan names extension {}, which does not exist", callId,
                    trunk.name(), to.did(), to.extension());
            tx.respond(Responses.create(req, 404, "Not Found (no extension " + to.extension() + ")", null));
            return;
        }
        String caller = trunkCaller(req);
        List<Call.Target> targets = extensionTargets(req, caller, target.get());
        if (targets.isEmpty()) {
            tx.respond(Responses.create(req, 480, "Temporarily Unavailable (" + to.extension() + " is not registered)", null));
            return;
        }
        if (overCallLimit(tx, req)) {
            return;
        }
        TrunkStatus status = ctx.trunks().status(trunk.name());
        if (atTrunkLimit(tx, req, trunk, status)) {
            return;
        }
        log.info("inbound call {} from trunk {}: {} dialled {} -> extension {}", callId, trunk.name(), caller, to.did(), to.extension());
        Call call = startCall(tx, req, flow, caller, to.extension(), targets, List.of());
        if (call == null) {
            if (status != null) {
                status.release();
            }
        } else {
            call.inboundTrunk = status;
        }
    }

    /** Takes one of the trunk's channels for an inbound call; true (503 answered) when it is at its limit. */
    private boolean atTrunkLimit(ServerTransaction tx, SIPRequest req, Trunk trunk, TrunkStatus status) {
        if (status == null || status.tryAcquire(ctx.clock().millis())) {
            return false;
        }
        log.info("inbound call {} from trunk {} refused: the trunk is at its channel or call-rate limit", req.getCallId().getCallId(), trunk.name());
        SIPResponse r = Responses.create(req, 503, "Service Unavailable (trunk " + trunk.name() + " at its limit)", null);
        Responses.add(r, "Retry-After", "5");
        tx.respond(r);
        return true;
    }

    private static String trunkCaller(SIPRequest req) {
        URI fromUri = req.getFrom().getAddress().getURI();
        return fromUri instanceof SipUri s && s.getUser() != null ? s.getUser() : "anonymous";
    }

    /** A trunk call the dialplan gives to a flow: the trunk's channel is held while the flow runs. */
    private void inboundToFlow(ServerTransaction tx, SIPRequest req, Flow flow, Trunk trunk, InboundRouter.ToFlow tf) {
        String callId = req.getCallId().getCallId();
        if (overCallLimit(tx, req)) {
            return;
        }
        TrunkStatus status = ctx.trunks().status(trunk.name());
        if (atTrunkLimit(tx, req, trunk, status)) {
            return;
        }
        String caller = trunkCaller(req);
        log.info("inbound call {} from trunk {}: {} dialled {} -> flow {}", callId, trunk.name(), caller, tf.did(), tf.flow());
        Call call = answerLocally(tx, req, flow, caller, tf.did(), tf.flow());
        if (call == null) {
            if (status != null) {
                status.release();
            }
        } else {
            call.inboundTrunk = status;
        }
    }

    /** Opens the call's anchored media, or answers 503 (no free ports) and returns null. */
    private CallMedia openMedia(ServerTransaction tx, SIPRequest req) {
        try {
            return new CallMedia(ctx.media(), ctx.media().openBridge(ctx.lane()));
        } catch (IOException e) {
            log.warn("call {} refused: no media port ({})", req.getCallId().getCallId(), e.getMessage());
            SIPResponse r = Responses.create(req, 503, "Service Unavailable (no free media ports)", null);
            Responses.add(r, "Retry-After", "5");
            tx.respond(r);
            return null;
        }
    }

    /** Answers 400/488 for an SDP exchange that failed; true if it did. */
    private boolean refusedMedia(ServerTransaction tx, SIPRequest req, CallMedia media, CallMedia.Outcome o) {
        if (o.isOk()) {
            return false;
        }
        media.close();
        log.info("call {} refused: {}", req.getCallId().getCallId(), o.reason());
        SIPResponse r = o.refusal(req, ctx.host());
        tx.respond(r);
        return true;
    }

    /** Leg A and the call around it, registered on this lane (the caller's INVITE is accepted). */
    private Call accept(ServerTransaction tx, SIPRequest req, Flow flow, String caller, String callee, CallMedia media) {
        String aTag = Ids.token(10);
        Leg a = new Leg(Leg.Side.A, req.getCallId().getCallId(), aTag, MessageParts.nameAddr(req.getTo().getAddress()),
                MessageParts.nameAddr(req.getFrom().getAddress()), flow.transport());
        a.remoteTag = req.getFromTag();
        a.remoteCseq = req.getCSeq().getSeqNumber();
        a.invite = req;
        a.flow = flow;
        a.remoteTarget = req.getContactHeader() == null ? null : req.getContactHeader().getAddress().getURI().toString();
        RecordRouteList rr = req.getRecordRouteHeaders();
        if (rr != null) {
            for (Iterator<?> it = rr.listIterator(); it.hasNext();) {
                a.routeSet.add(((RecordRoute) it.next()).getAddress().toString());
            }
        }
        Call call = new Call(a, tx, req);
        a.owner = call;
        legs.put(a.callId, a);
        ctx.activeCalls().incrementAndGet();
        call.cdr.aCallId = a.callId;
        call.cdr.from = caller;
        call.cdr.to = callee;
        call.cdr.setup = ctx.clock().instant();
        call.cdr.dnis = req.getRequestURI() instanceof SipUri u && u.getUser() != null ? u.getUser() : "";
        tx.onNoAck(() -> endCall(call, null, "no ACK for 200", "switch"));
        // reported once the caller of accept() has set the trunk and application (same lane, next task)
        ctx.lane().execute(() -> {
            if (call.state != Call.State.ENDED) {
                call.cdr.trunk = trunkOf(call);
                try {
                    calls.callStarted(call.cdr.record());
                } catch (RuntimeException e) {
                    log.warn("call {}: the CDR listener failed: {}", call.a.callId, e.toString());
                }
            }
        });
        call.maxForwards = req.getMaxForwards() == null ? 70 : req.getMaxForwards().getMaxForwards() - 1;
        call.media = media;
        call.aOffered = MessageParts.sdp(req) != null;
        call.contentType = "application/sdp";
        media.bridge.onDtmf((side, digit, method) -> {
            String party = side == Side.A ? "caller" : "callee";
            log.info("call {}: DTMF {} from the {} ({})", call.a.callId, digit.symbol(), party, method);
            ctx.media().publish(new DtmfEvent(call.a.callId, party, digit.symbol(), method));
            if (side == Side.A && call.local != null) {
                call.local.digit(digit.symbol());
            }
        });
        return call;
    }

    /**
     * The switch answers the caller itself for {@code application} (an IVR flow): our SDP answer (or our
     * offer, for an offerless INVITE) in a 200 at once; the application starts when the ACK arrives.
     */
    private Call answerLocally(ServerTransaction tx, SIPRequest req, Flow flow, String caller, String dialled, String application) {
        CallMedia media = openMedia(tx, req);
        if (media == null) {
            return null;
        }
        media.bridge.terminateUnpairedLegs();
        byte[] aOffer = MessageParts.sdp(req);
        CallMedia.Outcome sdp = aOffer != null ? media.answerOffer(Side.A, aOffer) : media.freshOffer(Side.A);
        if (refusedMedia(tx, req, media, sdp)) {
            return null;
        }
        Call call = accept(tx, req, flow, caller, dialled, media);
        call.local = new LocalCall(call, localOps, ctx.lane(), ctx.tick(), application, caller, dialled);
        call.cdr.application = application;
        call.cdr.answer = ctx.clock().instant();
        call.state = Call.State.ANSWERED;
        call.a.confirmed = true;
        SIPResponse ok = Responses.create(req, 200, null, call.a.localTag);
        MessageParts.setSdp(ok, sdp.bytes());
        Responses.add(ok, "Contact", text.contact(call.a.transport));
        Responses.add(ok, "Allow", KnownMethods.ALLOW);
        tx.respond(ok);
        return call;
    }

    /** What an application may do with its call. */
    private final LocalCall.Ops localOps = new LocalCall.Ops() {
        @Override
        public void dial(Call call, String target) {
            dialFromApplication(call, target);
        }

        @Override
        public void cancelDial(Call call) {
            for (Call.Fork f : call.forks) {
                if (f.dialGeneration == call.local.dialGeneration) {
                    cancelFork(f);
                }
            }
            call.failover.clear();
        }

        @Override
        public void hangup(Call call, String reason) {
            endCall(call, null, reason, "application");
        }

        @Override
        public void record(Call call) {
            startRecording(call);
        }
    };

    /** Records both parties of an answered call to its end (once). */
    private void startRecording(Call call) {
        if (call.recording == null && call.state != Call.State.ENDED) {
            call.recording = ctx.media().record(ctx.lane(), call.a.callId, call.media.bridge);
            ctx.tick().add(call.recording);
        }
    }

    /** An application bridges its caller to {@code target}: an extension, or a number over the trunks. */
    private void dialFromApplication(Call call, String target) {
        LocalCall local = call.local;
        List<Call.Target> targets;
        List<Call.Target> sequential = List.of();
        Optional<Extension> ext = ctx.directory().find(target);
        if (ext.isPresent()) {
            targets = extensionTargets(call.aInvite, call.cdr.from, ext.get());
            if (targets.isEmpty()) {
                ctx.lane().execute(() -> local.dialFailed("unreachable (" + target + " is not registered)"));
                return;
            }
        } else {
            OutboundRouter.Decision decision = ctx.outbound().route(target, call.local.application);
            if (decision instanceof OutboundRouter.Refuse r) {
                ctx.lane().execute(() -> local.dialFailed("refused (" + r.status() + " " + r.reason() + ")"));
                return;
            }
            List<String> skipped = new ArrayList<>();
            List<Call.Target> hops = usableHops((OutboundRouter.Route) decision, skipped);
            if (hops.isEmpty()) {
                ctx.lane().execute(() -> local.dialFailed("unreachable (no trunk usable)"));
                return;
            }
            targets = List.of(hops.get(0));
            sequential = hops.subList(1, hops.size());
        }
        log.info("call {}: flow {} dials {} via {}", call.a.callId, local.application, target, targets.stream().map(Call.Target::label).toList());
        call.body = call.media.freshOffer(Side.B).bytes();
        call.failover.clear();
        call.failover.addAll(sequential);
        for (Call.Target t : targets) {
            startFork(call, t);
        }
    }

    /** Why a dial failed, in the words a flow reads ({@code busy}, {@code no answer}…). */
    private static String dialFailure(int status, String reason) {
        if (status == 486 || status == 600 || status == 603) {
            return "busy";
        }
        if (status == 408 || status == 480 || status == 487) {
            return "no answer";
        }
        return status + " " + (reason == null ? "" : reason);
    }

    /** A fork of an application's dial answered: B is bridged to the caller, who was answered long ago. */
    private void localFork2xx(Call call, Call.Fork fork, SIPResponse r) {
        Leg b = fork.leg;
        byte[] answer = MessageParts.sdp(r);
        CallMedia.Outcome o = answer == null ? CallMedia.Outcome.failed(488, "no SDP answer")
                : call.media.answerFrom(Side.B, answer, false);
        confirmDialog(b, r);
        sendAck(b, null, null);
        if (!o.isOk()) {
            log.info("call {}: {} answered with unusable SDP: {}", call.a.callId, b.invite.getRequestURI(), o.reason());
            sendBye(b);
            legs.remove(b.callId);
            fork.finalStatus = 488;
            fork.finalReason = "Not Acceptable Here (the callee's SDP answer was unusable)";
            if (call.allForksFailed()) {
                call.local.dialFailed("488 callee's SDP answer unusable");
            }
            return;
        }
        fork.finalStatus = r.getStatusCode();
        call.b = b;
        call.cdr.bCallId = b.callId;
        call.cdr.target = b.invite.getRequestURI().toString();
        for (Call.Fork other : call.forks) {
            if (other != fork && other.finalStatus == 0) {
                cancelFork(other);
            }
        }
        log.info("call {}: flow {} connected the caller to {}, media {}", call.a.callId, call.local.application,
                fork.target.label(), call.media.bridge.describe());
        if (ctx.media().recordsCalls()) {
            startRecording(call);
        }
        call.local.connected(fork.target.label());
    }

    /** Starts forking; the call, or null when it was refused before it began (no media port, SDP). */
    private Call startCall(ServerTransaction tx, SIPRequest req, Flow flow, String caller, String callee,
                           List<Call.Target> parallel, List<Call.Target> sequential) {
        CallMedia media = openMedia(tx, req);
        if (media == null) {
            return null;
        }
        byte[] aOffer = MessageParts.sdp(req);
        CallMedia.Outcome offer = aOffer != null ? media.offerFrom(Side.A, aOffer) : media.freshOffer(Side.B);
        if (refusedMedia(tx, req, media, offer)) {
            return null;
        }
        Call call = accept(tx, req, flow, caller, callee, media);
        call.body = offer.bytes();
        call.failover.addAll(sequential);
        for (Call.Target t : parallel) {
            startFork(call, t);
        }
        if (call.state != Call.State.ENDED) {
            call.ringTimer = ctx.lane().schedule(ctx.config().ringTimeout(), () -> ringTimeout(call));
        }
        return call;
    }

    /** Responses on one fork's INVITE. */
    private final class ForkListener implements ClientTransaction.Listener {
        private final Call call;
        private final Call.Fork fork;

        ForkListener(Call call, Call.Fork fork) {
            this.call = call;
            this.fork = fork;
        }

        @Override
        public void onResponse(ClientTransaction tx, SIPResponse r) {
            int status = r.getStatusCode();
            Leg b = fork.leg;
            if (status < 200) {
                if (fork.cancelWanted && !fork.cancelSent) {
                    sendCancel(fork);
                }
                boolean ringing = call.state == Call.State.ROUTING || call.state == Call.State.EARLY;
                if (status > 100 && ringing && !fork.cancelWanted && call.local == null) {
                    relayProvisional(call, b, r);
                }
                return;
            }
            if (status < 300) {
                onFork2xx(call, fork, r);
                return;
            }
            if ((status == 401 || status == 407) && answerChallenge(call, fork, r)) {
                return;
            }
            forkFailed(call, fork, status, r.getReasonPhrase());
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            forkFailed(call, fork, 408, "Request Timeout (callee did not answer)");
        }
    }

    /**
     * A fork ended without an answer (a final error, a timeout, or a trunk at its limit): the next
     * failover target is tried after a 5xx/408 when every fork has failed, else the caller gets the best
     * failure (RFC 3261 §16.7 step 6, simplified).
     */
    private void forkFailed(Call call, Call.Fork fork, int status, String reason) {
        fork.finalStatus = status;
        fork.finalReason = reason;
        legs.remove(fork.leg.callId);
        if (fork.trunkHeld != null) {
            fork.trunkHeld.release();
            fork.trunkHeld = null;
        }
        if (call.local != null) {
            if (call.state == Call.State.ENDED || call.b != null || fork.dialGeneration != call.local.dialGeneration || fork.cancelWanted) {
                return;
            }
        } else if (call.state != Call.State.ROUTING && call.state != Call.State.EARLY) {
            return;
        }
        if (call.allForksFailed() && (status >= 500 || status == 408) && !call.failover.isEmpty()) {
            Call.Target next = call.failover.remove(0);
            log.info("call {}: {} answered {}, failing over to {}", call.a.callId, fork.target.label(), status, next.label());
            startFork(call, next);
            return;
        }
        if (call.allForksFailed() && call.local != null) {
            Call.Fork best = call.bestFailure();
            log.info("call {}: flow {} dial failed: {} {}", call.a.callId, call.local.application, best.finalStatus, best.finalReason);
            call.local.dialFailed(dialFailure(best.finalStatus, best.finalReason));
            return;
        }
        if (call.allForksFailed()) {
            Call.Fork best = call.bestFailure();
            // A far end's 503 speaks of that server, not of us: the caller must not back off from the
            // switch (RFC 3261 §16.7 step 6 says the same for proxies), so it becomes 480.
            boolean unavailable = best.finalStatus == 503;
            SIPResponse toA = Responses.create(call.aInvite, unavailable ? 480 : best.finalStatus,
                    unavailable ? "Temporarily Unavailable (far end answered 503)" : best.finalReason, call.a.localTag);
            call.aTx.respond(toA);
            finish(call, best.finalStatus, best.finalStatus == 408 ? "callee unreachable" : "callee answered " + best.finalStatus,
                    best.finalStatus == 408 ? "switch" : "callee");
        }
    }

    private void relayProvisional(Call call, Leg b, SIPResponse r) {
        if (call.state == Call.State.ROUTING) {
            call.state = Call.State.EARLY;
            call.cdr.ringing = ctx.clock().instant();
        }
        SIPResponse toA = Responses.create(call.aInvite, r.getStatusCode(), r.getReasonPhrase(), call.a.localTag);
        byte[] early = MessageParts.sdp(r);
        if (early != null) {
            // early media: the callee answered our offer; the caller gets our answer (only if it offered)
            CallMedia.Outcome o = call.media.answerFrom(Side.B, early, false);
            if (!o.isOk()) {
                log.info("call {}: ignoring the early SDP of {}: {}", call.a.callId, b.invite.getRequestURI(), o.reason());
            } else if (call.aOffered) {
                MessageParts.setSdp(toA, o.bytes());
            }
        }
        Responses.add(toA, "Contact", text.contact(call.a.transport));
        call.aTx.respond(toA);
    }

    private void onFork2xx(Call call, Call.Fork fork, SIPResponse r) {
        Leg b = fork.leg;
        if (call.b == b) {
            // A retransmitted 2xx: repeat our ACK if we already sent one (§13.2.2.4).
            if (b.lastAck != null) {
                ctx.transactions().sendStateless(b.lastAck, router.legDestination(b));
            }
            return;
        }
        if (call.b != null || call.state == Call.State.ENDED || fork.cancelWanted
                || (call.local != null && fork.dialGeneration != call.local.dialGeneration)) {
            // Another fork won, or the caller gave up: acknowledge and hang up this one.
            confirmDialog(b, r);
            sendAck(b, null, null);
            sendBye(b);
            legs.remove(b.callId);
            return;
        }
        if (call.local != null) {
            localFork2xx(call, fork, r);
            return;
        }
        byte[] answer = MessageParts.sdp(r);
        CallMedia.Outcome toCaller = answer != null ? call.media.answerFrom(Side.B, answer, true)
                : CallMedia.Outcome.ok(call.media.lastAnswerTo(Side.A));
        if (!toCaller.isOk()) {
            log.info("call {}: {} answered with unusable SDP: {}", call.a.callId, b.invite.getRequestURI(), toCaller.reason());
            confirmDialog(b, r);
            sendAck(b, null, null);
            sendBye(b);
            legs.remove(b.callId);
            fork.finalStatus = 488;
            fork.finalReason = "Not Acceptable Here (the callee's SDP answer was unusable)";
            if (call.allForksFailed()) {
                call.aTx.respond(Responses.create(call.aInvite, 488, fork.finalReason, call.a.localTag));
                finish(call, 488, "callee's SDP answer unusable", "switch");
            }
            return;
        }
        fork.finalStatus = r.getStatusCode();
        call.b = b;
        confirmDialog(b, r);
        call.state = Call.State.ANSWERED;
        call.ringTimer.cancel();
        call.cdr.answer = ctx.clock().instant();
        call.cdr.bCallId = b.callId;
        call.cdr.target = b.invite.getRequestURI().toString();
        for (Call.Fork other : call.forks) {
            if (other != fork && other.finalStatus == 0) {
                cancelFork(other);
            }
        }
        SIPResponse toA = Responses.create(call.aInvite, r.getStatusCode(), r.getReasonPhrase(), call.a.localTag);
        MessageParts.setSdp(toA, toCaller.bytes());
        Responses.add(toA, "Contact", text.contact(call.a.transport));
        Responses.add(toA, "Allow", KnownMethods.ALLOW);
        log.debug("call {} answered, media {}", call.a.callId, call.media.bridge.describe());
        if (ctx.media().recordsCalls()) {
            startRecording(call);
        }
        call.a.confirmed = true;
        call.aTx.respond(toA);
    }

    private void confirmDialog(Leg b, SIPResponse r) {
        b.remoteTag = r.getToTag();
        b.confirmed = true;
        if (r.getContactHeader() != null) {
            b.remoteTarget = r.getContactHeader().getAddress().getURI().toString();
        }
        RecordRouteList rr = r.getRecordRouteHeaders();
        b.routeSet = new ArrayList<>();
        if (rr != null) {
            for (Iterator<?> it = rr.listIterator(); it.hasNext();) {
                b.routeSet.add(((RecordRoute) it.next()).getAddress().toString());
            }
            Collections.reverse(b.routeSet);
        }
    }

    private void ringTimeout(Call call) {
        if (call.state != Call.State.ROUTING && call.state != Call.State.EARLY) {
            return;
        }
        for (Call.Fork f : call.forks) {
            cancelFork(f);
        }
        call.aTx.respond(Responses.create(call.aInvite, 408, "Request Timeout (no answer)", call.a.localTag));
        finish(call, 408, "no answer", "switch");
    }

    // ---- CANCEL, ACK, BYE --------------------------------------------------------------------

    /** The caller CANCELled a pending INVITE (§9.2): 487 to it, CANCEL every fork. */
    public void onCancel(ServerTransaction inviteTx, SIPRequest invite) {
        Leg a = legs.get(invite.getCallId().getCallId());
        if (a == null || !(a.owner instanceof Call call) || call.aTx != inviteTx) {
            if (inviteTx.isPending()) {
                inviteTx.respond(Responses.create(invite, 487));
            }
            return;
        }
        if (call.state != Call.State.ROUTING && call.state != Call.State.EARLY) {
            return;
        }
        for (Call.Fork f : call.forks) {
            cancelFork(f);
        }
        call.aTx.respond(Responses.create(call.aInvite, 487, null, call.a.localTag));
        finish(call, 487, "caller cancelled", "caller");
    }

    private void cancelFork(Call.Fork f) {
        if (f.finalStatus != 0 || f.cancelWanted) {
            return;
        }
        f.cancelWanted = true;
        if (f.tx.hasProvisional()) {
            sendCancel(f);
        }
    }

    private void sendCancel(Call.Fork f) {
        if (f.cancelSent || f.tx.request() == null) {
            return;
        }
        f.cancelSent = true;
        try {
            SIPRequest cancel = f.tx.request().createCancelRequest();
            ctx.transactions().send(cancel, f.tx.destination(), IGNORE);
        } catch (javax.sip.SipException e) {
            log.warn("cannot build CANCEL for {}: {}", f.leg.callId, e.getMessage());
        }
    }

    /** An ACK outside any transaction: it confirms a 2xx we sent on a leg (§13.3.1.4). */
    public void onAck(SIPRequest ack, Flow flow) {
        Leg leg = legs.get(ack.getCallId().getCallId());
        if (leg == null || !(leg.owner instanceof Call call)) {
            return;
        }
        leg.flow = flow.transport() == Transport.TCP ? flow : leg.flow;
        if (leg == call.a && call.state == Call.State.ANSWERED && ack.getCSeq().getSeqNumber() == call.aInvite.getCSeq().getSeqNumber()) {
            call.aTx.ackReceived();
            call.state = Call.State.CONFIRMED;
            if (call.b != null) {
                sendAck(call.b, null, null);
            }
            byte[] answer = MessageParts.sdp(ack);
            if (answer != null) {
                CallMedia.Outcome o = call.media.answerFrom(Side.A, answer, false);
                if (!o.isOk()) {
                    log.info("call {}: the caller's SDP answer in the ACK is unusable: {}", call.a.callId, o.reason());
                    endCall(call, null, "caller's SDP answer unusable", "switch");
                    return;
                }
            }
            log.debug("call {} confirmed", call.a.callId);
            if (call.local != null && !call.local.started) {
                call.local.started = true;
                try {
                    ctx.applications().start(call.local.application, call.local);
                } catch (RuntimeException e) {
                    log.error("call {}: flow {} failed to start: {}", call.a.callId, call.local.application, e.toString(), e);
                    endCall(call, null, "application failed to start", "switch");
                }
            }
            return;
        }
        relay.onAck(leg, ack);
    }

    private void sendAck(Leg leg, String contentType, byte[] body) {
        String uri = leg.remoteTarget;
        byte[] bytes = text.request(leg, "ACK", uri, leg.inviteCseq, 70, false, contentType, body, null);
        leg.lastAck = bytes;
        ctx.transactions().sendStateless(bytes, router.legDestination(leg));
    }

    private void sendBye(Leg leg) {
        leg.localCseq++;
        byte[] bytes = text.request(leg, "BYE", leg.remoteTarget, leg.localCseq, 70, false, null, null, null);
        Destination d = router.legDestination(leg);
        if (d == null) {
            return;
        }
        ctx.transactions().send(ctx.parseOwn(bytes), d, IGNORE);
    }

    // ---- ending --------------------------------------------------------------------------------

    /** Ends an established call: BYE every leg except {@code hungUp}, write the CDR. */
    private void endCall(Call call, Leg hungUp, String cause, String by) {
        if (call.state == Call.State.ENDED) {
            return;
        }
        if (call.state == Call.State.ANSWERED) {
            // Ended before the caller's ACK arrived: stop our 2xx retransmissions and confirm B's
            // dialog with an ACK so its BYE is not taken for a stray request.
            call.aTx.ackReceived();
            if (call.b != null && call.b.lastAck == null) {
                sendAck(call.b, null, null);
            }
        }
        if (call.local != null) {
            for (Call.Fork f : call.forks) {
                if (f.leg != call.b) {
                    cancelFork(f);
                }
            }
        }
        if (call.a.confirmed && call.a != hungUp) {
            sendBye(call.a);
        }
        if (call.b != null && call.b != hungUp) {
            sendBye(call.b);
        }
        finish(call, 200, cause, by);
    }

    private void finish(Call call, int status, String cause, String by) {
        if (call.state == Call.State.ENDED) {
            return;
        }
        call.state = Call.State.ENDED;
        call.ringTimer.cancel();
        legs.remove(call.a.callId);
        for (Call.Fork f : call.forks) {
            legs.remove(f.leg.callId);
        }
        relay.forget(call);
        for (Call.Fork f : call.forks) {
            if (f.trunkHeld != null) {
                f.trunkHeld.release();
                f.trunkHeld = null;
            }
        }
        call.cdr.trunk = trunkOf(call);
        if (call.inboundTrunk != null) {
            call.inboundTrunk.release();
            call.inboundTrunk = null;
        }
        if (call.recording != null) {
            RecordingResult rec = call.recording.stop();
            call.cdr.recording = rec.path().toString();
            call.cdr.recordingSeconds = rec.duration().toMillis() / 1000.0;
        }
        if (call.media != null) {
            if (call.cdr.answer != null) {
                call.cdr.mediaA = quality(call.media.bridge.session(Side.A).quality());
                call.cdr.mediaB = quality(call.media.bridge.session(Side.B).quality());
            }
            call.media.close();
        }
        ctx.activeCalls().decrementAndGet();
        for (Call.Fork f : call.forks) {
            if (f.tx != null) {
                f.tx.listener(new AckRepeater(f.leg.lastAck, f.leg == call.b ? router.legDestination(f.leg) : null));
            }
        }
        call.cdr.end = ctx.clock().instant();
        call.cdr.status = status;
        call.cdr.cause = cause;
        call.cdr.endedBy = by;
        if (call.local != null) {
            try {
                call.local.ended(cause);
            } catch (RuntimeException e) {
                log.warn("call {}: the flow's hang-up handler failed: {}", call.a.callId, e.toString());
            }
        }
        if (cdrLog.isInfoEnabled()) {
            cdrLog.info(call.cdr.line());
        }
        try {
            calls.callEnded(call.cdr.record());
        } catch (RuntimeException e) {
            log.warn("call {}: the CDR listener failed: {}", call.a.callId, e.toString());
        }
    }

    /** The trunk the call came in on, else the one its answering (or last) fork went out through; empty for none. */
    private static String trunkOf(Call call) {
        if (call.inboundTrunk != null) {
            return call.inboundTrunk.trunk().name();
        }
        String trunk = "";
        for (Call.Fork f : call.forks) {
            if (f.target.trunk() != null && (trunk.isEmpty() || f.leg == call.b)) {
                trunk = f.target.trunk().trunk().name();
            }
        }
        return trunk;
    }

    /** Received packets, lost packets and interarrival jitter of one leg, for the CDR. */
    private static String quality(StreamQuality q) {
        return q.packetsReceived() + "/" + q.packetsLost() + "/" + String.format(java.util.Locale.ROOT, "%.1f", q.jitterMs());
    }

    /** Node shutdown: answer pending calls with 503, hang up established ones. */
    public void shutdown() {
        List<Call> calls = new ArrayList<>();
        for (Leg l : legs.values()) {
            if (l.side == Leg.Side.A && l.owner instanceof Call c) {
                calls.add(c);
            }
        }
        for (Call c : calls) {
            if (c.state == Call.State.ROUTING || c.state == Call.State.EARLY) {
                for (Call.Fork f : c.forks) {
                    cancelFork(f);
                }
                c.aTx.respond(Responses.create(c.aInvite, 503, "Service Unavailable (shutting down)", c.a.localTag));
                finish(c, 503, "switch shutting down", "switch");
            } else {
                endCall(c, null, "switch shutting down", "switch");
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * What a fork's INVITE transaction keeps once its call has ended: a retransmitted 2xx gets our
     * ACK again (§13.2.2.4), and nothing else of the call stays reachable.
     */
    private final class AckRepeater implements ClientTransaction.Listener {
        private final byte[] ack;
        private final Destination destination;

        AckRepeater(byte[] ack, Destination destination) {
            this.ack = ack;
            this.destination = destination;
        }

        @Override
        public void onResponse(ClientTransaction tx, SIPResponse response) {
            if (ack != null && destination != null && response.getStatusCode() >= 200 && response.getStatusCode() < 300) {
                ctx.transactions().sendStateless(ack, destination);
            }
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
        }
    }

    private static final ClientTransaction.Listener IGNORE = new ClientTransaction.Listener() {
        @Override
        public void onResponse(ClientTransaction tx, SIPResponse response) {
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
        }
    };
}
