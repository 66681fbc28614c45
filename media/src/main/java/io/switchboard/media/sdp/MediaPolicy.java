package io.switchboard.media.sdp;

import io.switchboard.media.codec.PayloadType;
import java.util.List;

/**
 * What we are willing to negotiate for one endpoint: codecs in order of preference, whether to accept
 * RFC 4733 telephone-event, and the packetisation time we send with.
 *
 * @param codecs         audio codecs, most preferred first (e.g. PCMU, PCMA, opus)
 * @param telephoneEvent accept/offer telephone-event (DTMF) alongside the codec
 * @param ptimeMs        our {@code a=ptime} (RFC 4566 §6), milliseconds
 */
public record MediaPolicy(List<PayloadType> codecs, boolean telephoneEvent, int ptimeMs) {
    public MediaPolicy {
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec is needed");
        }
        if (ptimeMs <= 0) {
            throw new IllegalArgumentException("ptime must be positive: " + ptimeMs);
        }
    }

    /** PCMU, then PCMA, with telephone-event, 20 ms. */
    public static MediaPolicy g711() {
        return new MediaPolicy(List.of(PayloadType.PCMU, PayloadType.PCMA), true, 20);
    }

    /**
     * PCMU, then PCMA, then Opus, with telephone-event, 20 ms. G.711 comes first because our media path
     * is narrowband anyway and G.711 costs nothing to transcode; Opus is there for peers that offer
     * nothing else (WebRTC gateways, some softphones).
     */
    public static MediaPolicy all() {
        return new MediaPolicy(List.of(PayloadType.PCMU, PayloadType.PCMA, PayloadType.OPUS), true, 20);
    }
}
