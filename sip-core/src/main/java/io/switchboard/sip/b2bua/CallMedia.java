package io.switchboard.sip.b2bua;

import io.switchboard.media.bridge.CallBridge;
import io.switchboard.media.bridge.Side;
import io.switchboard.media.sdp.LocalMedia;
import io.switchboard.media.sdp.MediaDirection;
import io.switchboard.media.sdp.NegotiatedMedia;
import io.switchboard.media.sdp.NegotiationResult;
import io.switchboard.sip.media.MediaService;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SDP side of an anchored call: each leg negotiates with <em>us</em> (RFC 3264), never with the
 * other leg. An offer arriving on one leg becomes our own offer on the other leg (our address and
 * port, the codec the offerer would get first so the far end can pick the same one and no transcoding
 * is needed, the offerer's direction so hold passes through); the answer coming back configures that
 * leg's RTP session and becomes our answer to the first leg, preferring the codec just agreed on.
 * An offerless INVITE gets our own offer towards the callee, and the callee's answer turns into our
 * offer to the caller in the 2xx, answered in the ACK.
 *
 * <p>Lane-confined, like the call.
 */
final class CallMedia {
    /** What to put in the message going to the other leg, or why the exchange failed. */
    record Outcome(String body, int status, String reason) {
        static Outcome ok(String body) {
            return new Outcome(body, 0, null);
        }

        static Outcome failed(int status, String reason) {
            return new Outcome(null, status, reason);
        }

        boolean isOk() {
            return status == 0;
        }

        byte[] bytes() {
            return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        }

        /** The error response to {@code req} for a failed exchange: 400, or 488 with Warning 305 (RFC 3261 §20.43) from {@code host}. */
        gov.nist.javax.sip.message.SIPResponse refusal(gov.nist.javax.sip.message.SIPRequest req, String host) {
            gov.nist.javax.sip.message.SIPResponse r = io.switchboard.sip.message.Responses.create(req, status, reason, null);
            if (status == 488) {
                io.switchboard.sip.message.Responses.add(r, "Warning", "305 " + host + " \"Incompatible media format\"");
            }
            return r;
        }
    }

    final CallBridge bridge;
    private final MediaService service;
    private final Map<Side, Long> sessionIds = new EnumMap<>(Side.class);
    private final Map<Side, Long> versions = new EnumMap<>(Side.class);
    /** Offers received from a leg that still wait for our answer. */
    private final Map<Side, String> theirOffer = new EnumMap<>(Side.class);
    /** The answer we gave a leg's last offer (repeated when a 2xx follows an early answer). */
    private final Map<Side, String> lastAnswer = new EnumMap<>(Side.class);

    CallMedia(MediaService service, CallBridge bridge) {
        this.service = service;
        this.bridge = bridge;
        for (Side s : Side.values()) {
            sessionIds.put(s, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE >> 2));
            versions.put(s, 1L);
        }
    }

    /**
     * An offer came from leg {@code from}: checks that we can answer it at all (else 488) and returns our
     * offer for the other leg.
     */
    Outcome offerFrom(Side from, byte[] sdp) {
        String offer = new String(sdp, StandardCharsets.UTF_8);
        NegotiationResult check = service.negotiator().answer(offer, local(from, false));
        if (!check.isAccepted()) {
            return failure(check);
        }
        theirOffer.put(from, offer);
        lastAnswer.remove(from);
        MediaDirection offered = check.media().direction().mirror();
        return Outcome.ok(service.preferring(check.media().codec()).offer(local(from.other(), true), offered));
    }

    /**
     * Leg {@code side} offered and we answer it ourselves (the switch is the far end: an IVR). Configures
     * its RTP and returns our answer.
     */
    Outcome answerOffer(Side side, byte[] sdp) {
        NegotiatedMedia other = bridge.media(side.other());
        var negotiator = other == null ? service.negotiator() : service.preferring(other.codec());
        NegotiationResult r = negotiator.answer(new String(sdp, StandardCharsets.UTF_8), local(side, true));
        if (!r.isAccepted()) {
            return failure(r);
        }
        bridge.configure(side, r.media());
        theirOffer.remove(side);
        lastAnswer.put(side, r.answer());
        return Outcome.ok(r.answer());
    }

    /** Our own offer to leg {@code to}, when the other leg offered nothing (an offerless INVITE). */
    Outcome freshOffer(Side to) {
        NegotiatedMedia known = bridge.media(to.other());
        var negotiator = known == null ? service.negotiator() : service.preferring(known.codec());
        return Outcome.ok(negotiator.offer(local(to, true), MediaDirection.SENDRECV));
    }

    /**
     * Leg {@code side} answered our offer. Configures its RTP and returns the body for the other leg: the
     * answer to that leg's pending offer, the answer it already got (a 2xx after an early answer), our
     * offer when it never offered (only when {@code offerAllowed}, i.e. the body goes into a 2xx), or null.
     */
    Outcome answerFrom(Side side, byte[] sdp, boolean offerAllowed) {
        NegotiationResult accepted = service.negotiator().acceptAnswer(new String(sdp, StandardCharsets.UTF_8));
        if (!accepted.isAccepted()) {
            return failure(accepted);
        }
        bridge.configure(side, accepted.media());
        Side other = side.other();
        String pending = theirOffer.remove(other);
        if (pending != null) {
            NegotiationResult answer = service.preferring(accepted.media().codec()).answer(pending, local(other, true));
            if (!answer.isAccepted()) {
                return failure(answer);
            }
            bridge.configure(other, answer.media());
            lastAnswer.put(other, answer.answer());
            return Outcome.ok(answer.answer());
        }
        if (lastAnswer.containsKey(other)) {
            return Outcome.ok(lastAnswer.get(other));
        }
        if (offerAllowed && bridge.media(other) == null) {
            return freshOffer(other);
        }
        return Outcome.ok(null);
    }

    /** The answer leg {@code side} got to its last offer (for a 2xx without a body after an early answer). */
    String lastAnswerTo(Side side) {
        return lastAnswer.get(side);
    }

    /** An offer/answer exchange failed on the way (an error response to a re-INVITE): forget its offer. */
    void abandon(Side offerer) {
        theirOffer.remove(offerer);
    }

    void close() {
        bridge.close();
        service.bridgeClosed(bridge);
    }

    private LocalMedia local(Side side, boolean newVersion) {
        long v = versions.get(side);
        if (newVersion) {
            versions.put(side, v + 1);
        }
        return service.local(bridge.localPort(side), sessionIds.get(side), v);
    }

    private static Outcome failure(NegotiationResult r) {
        switch (r.failure()) {
            case MALFORMED_SDP:
                return Outcome.failed(400, "Bad Request (malformed SDP: " + r.detail() + ")");
            default:
                return Outcome.failed(488, "Not Acceptable Here (" + r.detail() + ")");
        }
    }
}
