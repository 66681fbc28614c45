package io.switchboard.media.bridge;

/**
 * Keeps one outgoing RTP stream continuous (one SSRC, sequence numbers and timestamps that follow on)
 * while its source changes: the far end's SSRC may change (a re-INVITE, a transfer), and the clock may
 * differ between the legs when transcoding (8 kHz G.711 on one side, 48 kHz Opus on the other).
 *
 * <p>Input sequence numbers map with a fixed offset, so a loss on the way in stays visible to the far end
 * as a gap. Input timestamps map as {@code base + (in - inBase) × outClock / inClock}. A new input SSRC,
 * a sequence jump of more than {@link #MAX_JUMP} or a clock change re-anchors the mapping after the last
 * packet sent and sets the marker bit (RFC 3551 §4.1: the start of a talkspurt).
 *
 * <p>Confined to the event loop that relays the stream.
 */
final class StreamMapper {
    static final int MAX_JUMP = 1000;

    private final long ssrc;
    private int lastSeq;
    private long lastTs;
    private long inSsrc = -1;
    private int inClock;
    private int outClock;
    private int seqOffset;
    private long inBase;
    private long outBase;
    private int lastInSeq;
    private boolean marker;
    private int seq;
    private long ts;

    StreamMapper(long ssrc, int firstSeq, long firstTs) {
        this.ssrc = ssrc;
        this.lastSeq = (firstSeq - 1) & 0xFFFF;
        this.lastTs = firstTs & 0xFFFFFFFFL;
    }

    /**
     * Maps one input packet; afterwards {@link #seq()}, {@link #ts()} and {@link #marker()} describe the
     * output packet.
     *
     * @param frameUnits the output timestamp units of one frame (the gap left when re-anchoring)
     */
    void map(long packetSsrc, int packetSeq, long packetTs, boolean packetMarker, int inClockRate, int outClockRate,
             int frameUnits) {
        int jump = (short) (packetSeq - lastInSeq);
        boolean resync = packetSsrc != inSsrc || inClockRate != inClock || outClockRate != outClock
                || Math.abs(jump) > MAX_JUMP;
        if (resync) {
            inSsrc = packetSsrc;
            inClock = inClockRate;
            outClock = outClockRate;
            seqOffset = (lastSeq + 1 - packetSeq) & 0xFFFF;
            inBase = packetTs;
            outBase = (lastTs + frameUnits) & 0xFFFFFFFFL;
        }
        if (resync || jump > 0) {
            lastInSeq = packetSeq;
        }
        seq = (packetSeq + seqOffset) & 0xFFFF;
        long diff = (int) ((packetTs - inBase) & 0xFFFFFFFFL);
        long scaled = inClock == outClock ? diff : diff * outClock / inClock;
        ts = (outBase + scaled) & 0xFFFFFFFFL;
        marker = packetMarker || resync;
        if (((short) (seq - lastSeq)) > 0) {
            lastSeq = seq;
            lastTs = ts;
        }
    }

    /**
     * The stream was sent by someone else meanwhile (announcements played to the leg before it was
     * bridged): the next relayed packet follows on after {@code nextSeq}/{@code nextTs}, with the marker.
     */
    void continueFrom(int nextSeq, long nextTs) {
        lastSeq = (nextSeq - 1) & 0xFFFF;
        lastTs = nextTs & 0xFFFFFFFFL;
        inSsrc = -1;
    }

    long ssrc() {
        return ssrc;
    }

    int seq() {
        return seq;
    }

    long ts() {
        return ts;
    }

    boolean marker() {
        return marker;
    }
}
