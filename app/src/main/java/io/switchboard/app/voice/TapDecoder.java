package io.switchboard.app.voice;

import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.Codecs;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.sip.b2bua.AnsweredCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the caller's tapped RTP payloads to 8 kHz PCM (for speech recognition and voicemail). It lives
 * on the media event loop that taps the packets; {@link #close} frees the codec there (an Opus decoder
 * holds native memory).
 */
final class TapDecoder {
    private static final Logger log = LoggerFactory.getLogger(TapDecoder.class);

    private AudioCodec decoder;
    private PayloadType decoding;

    /** On the media event loop. */
    short[] decode(PayloadType codec, byte[] payload) {
        if (decoder == null || !codec.equals(decoding)) {
            release(decoder);
            decoder = Codecs.forPayloadType(codec);
            decoding = codec;
        }
        return decoder.decode(payload).samples();
    }

    /** Frees the codec on the loop that used it (call after the tap is removed). */
    void close(AnsweredCall call) {
        var loop = call.session().eventLoop();
        if (loop != null) {
            loop.execute(() -> release(decoder));
        }
    }

    private static void release(AudioCodec c) {
        if (c instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("closing a decoder: {}", e.toString());
            }
        }
    }
}
