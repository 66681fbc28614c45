package io.switchboard.media.sdp;

/**
 * Why an offer could not be answered. The B2BUA maps every one of these to
 * {@code 488 Not Acceptable Here} (RFC 3261 §21.4.26) with the reason in a Warning header.
 */
public enum NegotiationFailure {
    /** The body is not SDP (RFC 4566 syntax). */
    MALFORMED_SDP,
    /** There is no audio stream over RTP/AVP or RTP/AVPF with a usable port. */
    NO_AUDIO_STREAM,
    /** The audio stream lists no codec from our policy (RFC 3264 §6: all formats rejected). */
    NO_COMMON_CODEC
}
