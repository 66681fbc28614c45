package io.switchboard.media.sdp;

import io.switchboard.media.codec.PayloadType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SessionDescription;

/**
 * Picks the audio stream, codec, telephone-event, remote address, ptime and our direction from a
 * peer's description (an offer we answer, or the answer to our offer); RFC 3264 §6.1 and §7.
 */
final class StreamSelector {
    private static final String AUDIO = "audio";
    private static final int DEFAULT_PTIME = 20;

    private final MediaPolicy policy;

    StreamSelector(MediaPolicy policy) {
        this.policy = policy;
    }

    /** The chosen stream of a remote description, or why none could be chosen. */
    static final class Selection {
        NegotiationResult failure;
        int index = -1;
        NegotiatedMedia media;
        String teFmtp;
    }

    Selection select(SessionDescription remote) throws SdpException {
        Selection sel = new Selection();
        Vector<?> offered = remote.getMediaDescriptions(false);
        if (offered == null || offered.isEmpty()) {
            sel.failure = NegotiationResult.rejected(NegotiationFailure.NO_AUDIO_STREAM, "no m= line");
            return sel;
        }
        List<Attribute> sessionAttrs = attributes(remote.getAttributes(false));
        MediaDirection sessionDirection = direction(sessionAttrs, MediaDirection.SENDRECV);
        boolean sawAudio = false;
        String offeredFormats = "";
        for (int i = 0; i < offered.size() && sel.index < 0; i++) {
            MediaDescription md = (MediaDescription) offered.get(i);
            Media m = md.getMedia();
            if (!AUDIO.equalsIgnoreCase(m.getMediaType()) || m.getMediaPort() == 0 || !isRtpAvp(m.getProtocol())) {
                continue;
            }
            sawAudio = true;
            List<Attribute> attrs = attributes(md.getAttributes(false));
            List<PayloadType> types = OfferedFormats.of(formats(m), attrs);
            offeredFormats = String.join(" ", formats(m));
            PayloadType codec = choose(types);
            if (codec == null) {
                continue;
            }
            PayloadType te = policy.telephoneEvent() ? telephoneEventFor(codec, types) : null;
            Connection c = md.getConnection() != null ? md.getConnection() : remote.getConnection();
            if (c == null) {
                sel.failure = NegotiationResult.rejected(NegotiationFailure.MALFORMED_SDP,
                        "no c= line for the audio stream");
                return sel;
            }
            MediaDirection remoteDirection = direction(attrs, sessionDirection);
            if ("0.0.0.0".equals(c.getAddress()) || "::".equals(c.getAddress())) {
                remoteDirection = remoteDirection.sends() ? MediaDirection.SENDONLY : MediaDirection.INACTIVE;
            }
            String ptime = value(attrs, "ptime");
            if (ptime == null) {
                ptime = value(sessionAttrs, "ptime");
            }
            sel.media = new NegotiatedMedia(codec, te, c.getAddress(), m.getMediaPort(), remoteDirection.mirror(),
                    parsePtime(ptime));
            sel.teFmtp = te == null ? null : OfferedFormats.fmtp(attrs, te.number());
            sel.index = i;
        }
        if (sel.media == null) {
            sel.failure = sawAudio
                    ? NegotiationResult.rejected(NegotiationFailure.NO_COMMON_CODEC,
                            "offered " + offeredFormats + ", we support " + policy.codecs())
                    : NegotiationResult.rejected(NegotiationFailure.NO_AUDIO_STREAM, "no RTP/AVP audio stream offered");
        }
        return sel;
    }

    private PayloadType choose(List<PayloadType> offered) {
        for (PayloadType preferred : policy.codecs()) {
            for (PayloadType t : offered) {
                if (t.sameCodecAs(preferred)) {
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * The telephone-event format running on the codec's clock (RFC 4733 §2.1: events share the audio
     * stream's timestamp clock), so {@code /48000} beside Opus and {@code /8000} beside G.711; an offer
     * often lists both. None when only the other clock is offered.
     */
    private static PayloadType telephoneEventFor(PayloadType codec, List<PayloadType> offered) {
        for (PayloadType t : offered) {
            if (t.isTelephoneEvent() && t.clockRate() == codec.clockRate()) {
                return t;
            }
        }
        return null;
    }

    private static boolean isRtpAvp(String protocol) {
        String p = protocol.toUpperCase(Locale.ROOT);
        return p.equals("RTP/AVP") || p.equals("RTP/AVPF");
    }

    static List<String> formats(Media m) throws SdpException {
        List<String> out = new ArrayList<>();
        Vector<?> v = m.getMediaFormats(false);
        if (v != null) {
            for (Object o : v) {
                out.add(o.toString().trim());
            }
        }
        return out;
    }

    static List<Attribute> attributes(Vector<?> v) {
        List<Attribute> out = new ArrayList<>();
        if (v != null) {
            for (Object o : v) {
                out.add((Attribute) o);
            }
        }
        return out;
    }

    static String value(List<Attribute> attrs, String name) throws SdpException {
        for (Attribute a : attrs) {
            if (name.equalsIgnoreCase(a.getName())) {
                return a.getValue() == null ? "" : a.getValue().trim();
            }
        }
        return null;
    }

    private static MediaDirection direction(List<Attribute> attrs, MediaDirection fallback) throws SdpException {
        for (Attribute a : attrs) {
            MediaDirection d = MediaDirection.fromAttribute(a.getName().trim());
            if (d != null) {
                return d;
            }
        }
        return fallback;
    }

    private static int parsePtime(String ptime) {
        if (ptime == null || ptime.isEmpty()) {
            return DEFAULT_PTIME;
        }
        try {
            int v = (int) Math.round(Double.parseDouble(ptime));
            return v > 0 && v <= 1000 ? v : DEFAULT_PTIME;
        } catch (NumberFormatException e) {
            return DEFAULT_PTIME;
        }
    }
}
