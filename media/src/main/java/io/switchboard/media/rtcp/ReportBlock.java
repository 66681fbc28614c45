package io.switchboard.media.rtcp;

/**
 * A reception report block (RFC 3550 §6.4.1): what a receiver saw of one source's RTP stream.
 *
 * @param ssrc                    the source the block is about
 * @param fractionLost            packets lost since the previous report as a fixed-point fraction of 256
 * @param cumulativeLost          expected minus received since the start, a signed 24-bit value
 *                                (negative when duplicates arrived)
 * @param extendedHighestSequence the highest sequence number received, with the count of wraps in the
 *                                upper 16 bits
 * @param jitter                  the interarrival jitter estimate, in the stream's RTP timestamp units
 * @param lastSr                  the middle 32 bits of the NTP timestamp of the last SR from the source
 *                                (LSR), 0 when none came yet
 * @param delaySinceLastSr        from receiving that SR to sending this block, in units of 1/65536 s
 *                                (DLSR), 0 when no SR came yet
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                          long jitter, long lastSr, long delaySinceLastSr) {
    /** Octets of one block on the wire. */
    public static final int LENGTH = 24;
    /** The largest cumulative loss the 24-bit field can carry (§6.4.1: clamped, not wrapped). */
    public static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;
    /** The smallest (most negative) cumulative loss the field can carry. */
    public static final int MIN_CUMULATIVE_LOST = -0x800000;

    public ReportBlock {
        RtcpPacket.unsigned32(ssrc, "SSRC");
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost must be 0..255: " + fractionLost);
        }
        if (cumulativeLost < MIN_CUMULATIVE_LOST || cumulativeLost > MAX_CUMULATIVE_LOST) {
            throw new IllegalArgumentException("cumulative lost must fit 24 signed bits: " + cumulativeLost);
        }
        RtcpPacket.unsigned32(extendedHighestSequence, "extended highest sequence number");
        RtcpPacket.unsigned32(jitter, "jitter");
        RtcpPacket.unsigned32(lastSr, "LSR");
        RtcpPacket.unsigned32(delaySinceLastSr, "DLSR");
    }

    /** {@link #fractionLost} as a ratio, 0 to 255/256. */
    public double fractionLostRatio() {
        return fractionLost / 256.0;
    }
}
