package io.switchboard.media.bridge;

import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.sdp.NegotiatedMedia;
import java.util.function.Function;

/**
 * How packets received from one leg go to the other, fixed by the two negotiations: which payload types
 * are audio and telephone-event on each side, whether the audio is relayed unchanged (same codec: header
 * rewrite only) or transcoded, and whether the directions allow sending at all (hold).
 *
 * <p>Immutable. The codec instances belong to the event loop that relays this direction; a bridge
 * replaces the whole route on renegotiation and closes the old codecs on that loop.
 */
final class Route {
    final PayloadType inCodec;
    final int inAudio;
    final int outAudio;
    final int inEvent;
    final int outEvent;
    final int inClock;
    final int outClock;
    final int inEventClock;
    final int outEventClock;
    final int outFrameUnits;
    final boolean relay;
    final boolean inband;
    /** Decodes the incoming audio; null when nothing needs the samples. */
    final AudioCodec decoder;
    /** Encodes for the other leg when the codecs differ; null for passthrough. */
    final AudioCodec encoder;

    private Route(NegotiatedMedia in, NegotiatedMedia out, AudioCodec decoder, AudioCodec encoder, boolean inband, boolean relay) {
        this.inCodec = in.codec();
        this.inAudio = in.codec().number();
        this.outAudio = out.codec().number();
        this.inEvent = in.telephoneEvent() == null ? -1 : in.telephoneEvent().number();
        this.outEvent = out.telephoneEvent() == null ? -1 : out.telephoneEvent().number();
        this.inClock = in.codec().clockRate();
        this.outClock = out.codec().clockRate();
        this.inEventClock = in.telephoneEvent() == null ? inClock : in.telephoneEvent().clockRate();
        this.outEventClock = out.telephoneEvent() == null ? outClock : out.telephoneEvent().clockRate();
        this.outFrameUnits = outClock / 50;
        this.relay = relay && in.direction().receives() && out.direction().sends();
        this.inband = inband;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    /** The route from leg {@code in} to leg {@code out}. */
    static Route between(NegotiatedMedia in, NegotiatedMedia out, Function<PayloadType, AudioCodec> codecs,
                         InbandDtmf inbandMode) {
        boolean transcode = !in.codec().sameCodecAs(out.codec());
        boolean inband = inbandMode == InbandDtmf.ALWAYS || (inbandMode == InbandDtmf.AUTO && in.telephoneEvent() == null);
        AudioCodec decoder = transcode || inband ? codecs.apply(in.codec()) : null;
        AudioCodec encoder = transcode ? codecs.apply(out.codec()) : null;
        return new Route(in, out, decoder, encoder, inband, true);
    }

    /**
     * Packets from leg {@code in} that end here, for a leg with no other leg yet (a caller in an IVR):
     * nothing is relayed, but RFC 4733 events and, where needed, in-band tones are detected and taps see
     * the audio.
     */
    static Route terminating(NegotiatedMedia in, Function<PayloadType, AudioCodec> codecs, InbandDtmf inbandMode) {
        boolean inband = inbandMode == InbandDtmf.ALWAYS || (inbandMode == InbandDtmf.AUTO && in.telephoneEvent() == null);
        return new Route(in, in, inband ? codecs.apply(in.codec()) : null, null, inband, false);
    }

    boolean transcodes() {
        return encoder != null;
    }

    /** Frees native codec state (Opus); call on the loop that used the codecs. */
    void close() {
        closeCodec(decoder);
        closeCodec(encoder);
    }

    private static void closeCodec(AudioCodec c) {
        if (c instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing to do: the codec is gone either way
            }
        }
    }
}
