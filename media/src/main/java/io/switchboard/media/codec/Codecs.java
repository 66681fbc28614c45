package io.switchboard.media.codec;

/**
 * The codec implementation for a negotiated payload type, matched by codec identity (name, clock,
 * channels) rather than number, since dynamic numbers are the offerer's choice (RFC 3264 §6.1).
 */
public final class Codecs {
    private Codecs() {
    }

    /**
     * A codec ready for one stream: the shared stateless G.711 instance, or a new {@link OpusCodec} that
     * the caller owns and must close.
     *
     * @throws IllegalArgumentException when we have no implementation for {@code pt}
     */
    public static AudioCodec forPayloadType(PayloadType pt) {
        G711Codec g711 = G711Codec.forPayloadType(pt);
        if (g711 != null) {
            return g711;
        }
        if (pt.sameCodecAs(PayloadType.OPUS)) {
            return new OpusCodec();
        }
        throw new IllegalArgumentException("no codec implementation for " + pt.rtpmap());
    }
}
