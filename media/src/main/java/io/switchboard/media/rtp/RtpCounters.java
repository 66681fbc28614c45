package io.switchboard.media.rtp;

import java.util.concurrent.atomic.LongAdder;

/**
 * Per-session counters (STYLE principle 11). Written from the event loop (receive) and the lane
 * (send), read by metrics, so they are {@link LongAdder}s.
 */
public final class RtpCounters {
    final LongAdder packetsSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder packetsReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder wrongSource = new LongAdder();
    final LongAdder sendWithoutRemote = new LongAdder();

    /** RTP packets written to the socket. */
    public long packetsSent() {
        return packetsSent.sum();
    }

    /** RTP octets (headers included) written to the socket. */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Well-formed RTP packets accepted from the far end. */
    public long packetsReceived() {
        return packetsReceived.sum();
    }

    /** Octets of accepted packets. */
    public long bytesReceived() {
        return bytesReceived.sum();
    }

    /** Datagrams dropped because they were not valid RTP. */
    public long malformed() {
        return malformed.sum();
    }

    /** Packets dropped because they came from another address than the latched one (symmetric RTP). */
    public long wrongSource() {
        return wrongSource.sum();
    }

    /** Frames not sent because the far end's address is not known yet. */
    public long sendWithoutRemote() {
        return sendWithoutRemote.sum();
    }

    @Override
    public String toString() {
        return "sent=" + packetsSent() + " received=" + packetsReceived() + " malformed=" + malformed()
                + " wrongSource=" + wrongSource();
    }
}
