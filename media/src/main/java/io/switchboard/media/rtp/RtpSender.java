package io.switchboard.media.rtp;

import java.util.random.RandomGenerator;

/**
 * The sending side of one RTP stream: its SSRC, sequence number and timestamp (RFC 3550 §5.1).
 * All three start at random values (§5.1: "the initial value ... SHOULD be random"); the random source
 * is injected so tests are deterministic. The first packet, and the first after {@link #markNextPacket()},
 * carries the marker bit (start of a talkspurt, RFC 3551 §4.1).
 *
 * <p>Not thread-safe: it belongs to the stream's lane.
 */
public final class RtpSender {
    private final long ssrc;
    private int sequence;
    private long timestamp;
    private boolean markNext = true;

    public RtpSender(RandomGenerator random) {
        this(random.nextInt() & 0xFFFFFFFFL, random.nextInt(65536), random.nextInt() & 0xFFFFFFFFL);
    }

    /** A sender with explicit initial values (tests, or continuing a stream after re-INVITE). */
    public RtpSender(long ssrc, int firstSequence, long firstTimestamp) {
        this.ssrc = ssrc & 0xFFFFFFFFL;
        this.sequence = firstSequence & 0xFFFF;
        this.timestamp = firstTimestamp & 0xFFFFFFFFL;
    }

    public long ssrc() {
        return ssrc;
    }

    /** The sequence number the next packet will carry. */
    public int nextSequence() {
        return sequence;
    }

    /** The timestamp the next packet will carry. */
    public long timestamp() {
        return timestamp;
    }

    /** Makes the next packet carry the marker bit (after silence or a source switch). */
    public void markNextPacket() {
        markNext = true;
    }

    /**
     * A packet at the current timestamp with the next sequence number; the timestamp does not move
     * (RFC 4733 §2.5.1: all packets of one telephone event share its start timestamp).
     */
    public RtpPacket packet(int payloadType, byte[] payload, boolean marker) {
        RtpPacket p = RtpPacket.of(marker || markNext, payloadType, sequence, timestamp, ssrc, payload);
        markNext = false;
        sequence = (sequence + 1) & 0xFFFF;
        return p;
    }

    /** Moves the timestamp forward by {@code units} of the RTP clock (wrapping at 2^32). */
    public void advance(long units) {
        timestamp = (timestamp + units) & 0xFFFFFFFFL;
    }

    /** An audio packet at the current timestamp, then the timestamp advances by {@code units}. */
    public RtpPacket nextFrame(int payloadType, byte[] payload, int units) {
        RtpPacket p = packet(payloadType, payload, false);
        advance(units);
        return p;
    }
}
