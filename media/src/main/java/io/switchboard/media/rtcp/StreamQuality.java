package io.switchboard.media.rtcp;

/**
 * A snapshot of one RTP session's media quality, both ways, as RTCP sees it (RFC 3550 §6.4): what we
 * received from the far end, and what the far end last reported about the stream we send. Immutable;
 * {@code RtpSession.quality()} hands out the latest one, refreshed whenever a report is sent or received.
 *
 * @param packetsReceived    far-end packets counted (§A.3 "received"; a new source's first packet is its
 *                           §A.1 probation and not counted)
 * @param packetsLost        expected minus received, cumulative (negative with duplicates)
 * @param fractionLost       packets lost in the last reporting interval, 0..1
 * @param jitterMs           our interarrival jitter estimate for the far end's stream
 * @param farEndReported     true once the far end sent a report block about our stream; the four
 *                           {@code farEnd…} and {@code roundTripMs} values are meaningless before
 * @param farEndFractionLost what the far end lost of our stream in its last interval, 0..1
 * @param farEndPacketsLost  what the far end lost of our stream, cumulative
 * @param farEndJitterMs     the far end's jitter estimate for our stream
 * @param roundTripMs        the round trip from the far end's LSR/DLSR (§6.4.1); NaN until known
 * @param farEndCname        the far end's SDES CNAME, empty until known
 * @param farEndBye          true once the far end sent an RTCP BYE (§6.6)
 */
public record StreamQuality(long packetsReceived, long packetsLost, double fractionLost, double jitterMs,
                            boolean farEndReported, double farEndFractionLost, long farEndPacketsLost,
                            double farEndJitterMs, double roundTripMs, String farEndCname, boolean farEndBye) {
    /** Before any RTCP was sent or received. */
    public static final StreamQuality NONE = new StreamQuality(0, 0, 0, 0, false, 0, 0, 0, Double.NaN, "", false);

    /** True once a round trip could be computed. */
    public boolean hasRoundTrip() {
        return !Double.isNaN(roundTripMs);
    }
}
