package io.switchboard.media.codec;

/** G.711 as an {@link AudioCodec}: one byte per sample, 160 bytes per 20 ms frame (RFC 3551 §4.5.14). */
public enum G711Codec implements AudioCodec {
    /** µ-law, payload type 0. */
    PCMU(PayloadType.PCMU) {
        @Override
        byte encodeSample(short s) {
            return G711.linearToUlaw(s);
        }

        @Override
        short decodeSample(byte b) {
            return G711.ulawToLinear(b);
        }
    },
    /** A-law, payload type 8. */
    PCMA(PayloadType.PCMA) {
        @Override
        byte encodeSample(short s) {
            return G711.linearToAlaw(s);
        }

        @Override
        short decodeSample(byte b) {
            return G711.alawToLinear(b);
        }
    };

    private final PayloadType payloadType;

    G711Codec(PayloadType payloadType) {
        this.payloadType = payloadType;
    }

    abstract byte encodeSample(short s);

    abstract short decodeSample(byte b);

    @Override
    public PayloadType payloadType() {
        return payloadType;
    }

    @Override
    public byte[] encode(PcmFrame frame) {
        byte[] out = new byte[PcmFrame.SAMPLES];
        for (int i = 0; i < out.length; i++) {
            out[i] = encodeSample(frame.sample(i));
        }
        return out;
    }

    @Override
    public PcmFrame decode(byte[] payload) {
        short[] pcm = new short[PcmFrame.SAMPLES];
        int n = Math.min(payload.length, pcm.length);
        for (int i = 0; i < n; i++) {
            pcm[i] = decodeSample(payload[i]);
        }
        if (n < pcm.length) {
            short silence = decodeSample(encodeSample((short) 0));
            java.util.Arrays.fill(pcm, n, pcm.length, silence);
        }
        return PcmFrame.of(pcm);
    }

    /** The G.711 codec for a payload type (by codec identity, not number), or null. */
    public static G711Codec forPayloadType(PayloadType pt) {
        if (pt.sameCodecAs(PayloadType.PCMU)) {
            return PCMU;
        }
        if (pt.sameCodecAs(PayloadType.PCMA)) {
            return PCMA;
        }
        return null;
    }
}
