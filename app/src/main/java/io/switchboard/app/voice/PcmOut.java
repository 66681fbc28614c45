package io.switchboard.app.voice;

import io.switchboard.media.codec.Codecs;
import io.switchboard.media.sdp.NegotiatedMedia;
import io.switchboard.sip.b2bua.AnsweredCall;

/**
 * Generated audio (ringback, the voicemail beep) goes to the caller as PCM frames that its RTP session
 * encodes; the session gets an encoder for the negotiated codec once, not one per tone (an Opus encoder
 * holds native memory).
 */
final class PcmOut {
    private PcmOut() {
    }

    /** Makes {@code call}'s session encode PCM in the codec the caller negotiated. */
    static void prepare(AnsweredCall call) {
        NegotiatedMedia m = call.media();
        if (m != null && !call.session().encodesAs(m.codec(), m.codec().number())) {
            call.session().setCodec(Codecs.forPayloadType(m.codec()), m.codec().number());
        }
    }
}
