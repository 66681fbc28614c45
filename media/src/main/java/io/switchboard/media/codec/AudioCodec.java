package io.switchboard.media.codec;

/**
 * Encodes 20 ms PCM frames into RTP payloads and back. Implementations are stateless or keep state
 * per stream (one instance per stream for stateful codecs such as Opus).
 */
public interface AudioCodec {

    /** The payload type this codec produces (its default number; SDP may bind another). */
    PayloadType payloadType();

    /** The RTP payload for one frame. */
    byte[] encode(PcmFrame frame);

    /**
     * The frame for one payload. A payload of the wrong length is padded with silence or truncated
     * (a peer's packetisation mistake must not fail the call).
     */
    PcmFrame decode(byte[] payload);

    /** RTP timestamp units per 20 ms frame. */
    default int timestampIncrement() {
        return payloadType().clockRate() * PcmFrame.DURATION_MS / 1000;
    }
}
