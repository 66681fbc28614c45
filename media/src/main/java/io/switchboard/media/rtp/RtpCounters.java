package io.switchboard.media.rtp;

import java.util.concurrent.atomic.LongAdder;

/**
 * Per-session counters (STYLE principle 11). Written from the event loop (receive) and the lane
 * (send), read by metrics, so they are {@link LongAdder}s.
 */
public final class RtpCounters {
    final LongAdder packetsSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder payloadOctetsSent = new LongAdder();
    final LongAdder packetsReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder wrongSource = new LongAdder();
    final LongAdder sendWithoutRemote = new LongAdder();
    final LongAdder sendErrors = new LongAdder();
    final LongAdder rtcpSent = new LongAdder();
    final LongAdder rtcpReceived = new LongAdder();
    final LongAdder rtcpMalformed = new LongAdder();
    final LongAdder rtcpWrongSource = new LongAdder();

    /** RTP packets written to the socket. */
    public long packetsSent() {
        return packetsSent.sum();
    }

    /** RTP octets (headers included) written to the socket. */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** RTP payload octets (no header, no padding) written: the SR octet count (RFC 3550 §6.4.1). */
    public long payloadOctetsSent() {
        return payloadOctetsSent.sum();
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

    /**
     * Packets dropped because they came from another address than the latched one (symmetric RTP). Only
     * those that reach the session: once an epoll socket is connected to the latched source, the kernel
     * drops the others before they do (see {@link RtpSession#isConnected}).
     */
    public long wrongSource() {
        return wrongSource.sum();
    }

    /** Frames not sent because the far end's address is not known yet. */
    public long sendWithoutRemote() {
        return sendWithoutRemote.sum();
    }

    /** RTP packets the socket refused to send (an error other than a full buffer); they are dropped. */
    public long sendErrors() {
        return sendErrors.sum();
    }

    /** Compound RTCP packets we sent (reports and the final BYE). */
    public long rtcpSent() {
        return rtcpSent.sum();
    }

    /** Valid compound RTCP packets received, on the RTCP port or multiplexed on the RTP port (RFC 5761). */
    public long rtcpReceived() {
        return rtcpReceived.sum();
    }

    /** RTCP datagrams dropped because they failed validation (RFC 3550 §A.2). */
    public long rtcpMalformed() {
        return rtcpMalformed.sum();
    }

    /** RTCP datagrams dropped because they came from another address than the latched one. */
    public long rtcpWrongSource() {
        return rtcpWrongSource.sum();
    }

    @Override
    public String toString() {
        return "sent=" + packetsSent() + " received=" + packetsReceived() + " malformed=" + malformed()
                + " wrongSource=" + wrongSource() + " rtcpSent=" + rtcpSent() + " rtcpReceived=" + rtcpReceived()
                + " rtcpMalformed=" + rtcpMalformed();
    }
}
