package io.switchboard.media.sdp;

import io.switchboard.media.codec.PayloadType;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/**
 * The answerer and offerer of RFC 3264 for one audio stream, over JAIN-SIP's {@code javax.sdp} model.
 *
 * <p>Answering (§6): the answer has one {@code m=} line per offered one, in order. The first audio
 * stream over RTP/AVP(F) with a non-zero port that lists a codec of our {@link MediaPolicy} is accepted;
 * every other stream is rejected with port 0. The codec is the first of <em>our</em> preference list that
 * the offer lists, kept under the offerer's payload type number (§6.1) whatever case its rtpmap name is
 * in, plus telephone-event on the codec's clock if offered (8000 Hz beside G.711, 48000 Hz beside Opus).
 * The direction mirrors the offer (sendonly→recvonly, recvonly→sendonly, inactive, sendrecv); an offer
 * with {@code c=0.0.0.0} (RFC 2543 hold, §8.4) is treated as not wanting to receive.
 *
 * <p>Offering: every codec of the policy, then telephone-event once per clock rate those codecs use
 * (101 for 8000 Hz, 110 for 48000 Hz), so the answerer can keep whichever matches the codec it picks.
 * Opus carries {@value #OPUS_FMTP} (RFC 7587 §6.1) in offers and answers: we decode to 8 kHz, so a
 * fullband stream would only waste the peer's bits, and we conceal loss rather than use in-band FEC.
 *
 * <p>Stateless and thread-safe: the JAIN-SIP objects it creates never leave a call.
 */
public final class SdpNegotiator {
    private static final String AUDIO = "audio";
    /** Our Opus receiver parameters (RFC 7587 §6.1); see the class comment. */
    static final String OPUS_FMTP = "maxplaybackrate=8000;sprop-maxcapturerate=8000;useinbandfec=0";
    private static final String DEFAULT_EVENTS = "0-16";

    private final SdpFactory factory = SdpFactory.getInstance();
    private final MediaPolicy policy;
    private final StreamSelector selector;

    public SdpNegotiator(MediaPolicy policy) {
        this.policy = policy;
        this.selector = new StreamSelector(policy);
    }

    /** Answers {@code offerSdp} with our address and port, or says why it cannot be answered. */
    public NegotiationResult answer(String offerSdp, LocalMedia local) {
        String problem = SdpSyntax.check(offerSdp);
        if (problem != null) {
            return NegotiationResult.rejected(NegotiationFailure.MALFORMED_SDP, problem);
        }
        try {
            return answer(factory.createSessionDescription(offerSdp), local);
        } catch (SdpException | RuntimeException e) {
            return NegotiationResult.rejected(NegotiationFailure.MALFORMED_SDP, String.valueOf(e.getMessage()));
        }
    }

    /** An offer for one sendrecv audio stream with all codecs of the policy (for the B2BUA's outgoing leg). */
    public String offer(LocalMedia local) {
        return offer(local, MediaDirection.SENDRECV);
    }

    /** The same offer with direction {@code direction} (a B2BUA relaying a hold offers sendonly or inactive). */
    public String offer(LocalMedia local, MediaDirection direction) {
        try {
            List<PayloadType> types = new ArrayList<>(policy.codecs());
            if (policy.telephoneEvent()) {
                types.addAll(telephoneEventsToOffer());
            }
            MediaDescription md = audioLine(local.rtpPort(), "RTP/AVP", types, DEFAULT_EVENTS, direction);
            return session(local, List.of(md));
        } catch (SdpException e) {
            throw new IllegalStateException("cannot build an SDP offer", e);
        }
    }

    /**
     * Processes the answer to an offer we made (RFC 3264 §7): the codec is our most preferred among the
     * answer's formats (an answerer usually lists one), the direction mirrors the answer's, and a stream
     * the answerer rejected (port 0) counts as absent. The result carries no SDP body.
     */
    public NegotiationResult acceptAnswer(String answerSdp) {
        String problem = SdpSyntax.check(answerSdp);
        if (problem != null) {
            return NegotiationResult.rejected(NegotiationFailure.MALFORMED_SDP, problem);
        }
        try {
            StreamSelector.Selection s = selector.select(factory.createSessionDescription(answerSdp));
            return s.failure != null ? s.failure : NegotiationResult.accepted(null, s.media);
        } catch (SdpException | RuntimeException e) {
            return NegotiationResult.rejected(NegotiationFailure.MALFORMED_SDP, String.valueOf(e.getMessage()));
        }
    }

    private NegotiationResult answer(SessionDescription offer, LocalMedia local) throws SdpException {
        StreamSelector.Selection sel = selector.select(offer);
        if (sel.failure != null) {
            return sel.failure;
        }
        NegotiatedMedia negotiated = sel.media;
        Vector<?> offered = offer.getMediaDescriptions(false);
        List<MediaDescription> lines = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            Media m = ((MediaDescription) offered.get(i)).getMedia();
            if (i == sel.index) {
                List<PayloadType> types = new ArrayList<>();
                types.add(negotiated.codec());
                if (negotiated.telephoneEvent() != null) {
                    types.add(negotiated.telephoneEvent());
                }
                String events = sel.teFmtp == null ? DEFAULT_EVENTS : sel.teFmtp;
                lines.add(audioLine(local.rtpPort(), m.getProtocol(), types, events, negotiated.direction()));
            } else {
                lines.add(factory.createMediaDescription(m.getMediaType(), 0, 1, m.getProtocol(),
                        StreamSelector.formats(m).toArray(new String[0])));
            }
        }
        return NegotiationResult.accepted(session(local, lines), negotiated);
    }

    /** One telephone-event per distinct clock rate of our codecs, in the order the codecs first use it. */
    private List<PayloadType> telephoneEventsToOffer() {
        List<PayloadType> events = new ArrayList<>();
        for (PayloadType codec : policy.codecs()) {
            int rate = codec.clockRate();
            if (events.stream().noneMatch(e -> e.clockRate() == rate)) {
                int number = rate == 48000 ? PayloadType.DEFAULT_TELEPHONE_EVENT_48000_NUMBER
                        : PayloadType.DEFAULT_TELEPHONE_EVENT_NUMBER;
                events.add(PayloadType.telephoneEvent(number, rate));
            }
        }
        return events;
    }

    private MediaDescription audioLine(int port, String protocol, List<PayloadType> types, String teFmtp,
                                       MediaDirection direction) throws SdpException {
        String[] formats = new String[types.size()];
        Vector<Attribute> attrs = new Vector<>();
        for (int i = 0; i < formats.length; i++) {
            PayloadType t = types.get(i);
            formats[i] = Integer.toString(t.number());
            attrs.add(factory.createAttribute("rtpmap", t.number() + " " + t.rtpmap()));
            if (t.isTelephoneEvent()) {
                attrs.add(factory.createAttribute("fmtp", t.number() + " " + teFmtp));
            } else if (t.sameCodecAs(PayloadType.OPUS)) {
                attrs.add(factory.createAttribute("fmtp", t.number() + " " + OPUS_FMTP));
            }
        }
        attrs.add(factory.createAttribute("ptime", Integer.toString(policy.ptimeMs())));
        attrs.add(factory.createAttribute(direction.attribute(), null));
        MediaDescription md = factory.createMediaDescription(AUDIO, port, 1, protocol, formats);
        md.setAttributes(attrs);
        return md;
    }

    private String session(LocalMedia local, List<MediaDescription> lines) throws SdpException {
        SessionDescription sd = factory.createSessionDescription();
        sd.setOrigin(factory.createOrigin("switchboard", local.sessionId(), local.sessionVersion(), "IN",
                local.addressType(), local.address()));
        sd.setSessionName(factory.createSessionName("Switchboard"));
        sd.setConnection(factory.createConnection("IN", local.addressType(), local.address()));
        sd.setMediaDescriptions(new Vector<>(lines));
        return sd.toString();
    }

}
