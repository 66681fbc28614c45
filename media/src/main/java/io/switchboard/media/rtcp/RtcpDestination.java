package io.switchboard.media.rtcp;

import java.net.InetSocketAddress;

/**
 * Where one session's RTCP goes, and whose RTCP it accepts. In order of preference:
 * <ol>
 *   <li>under symmetric RTP, the source of the first valid RTCP packet from the far end (symmetric RTCP,
 *       RFC 4961; the NAT traversal of phones), after which other sources are refused — and when that
 *       packet came multiplexed on the RTP port (RFC 5761), ours go out from the RTP port too;</li>
 *   <li>the address of the far end's SDP {@code a=rtcp} attribute (RFC 3605);</li>
 *   <li>the far end's RTP address with port + 1 (RFC 3550 §11).</li>
 * </ol>
 * Set from the lane, latched from the event loop: the fields are volatile.
 */
public final class RtcpDestination {
    private final boolean symmetric;
    private volatile InetSocketAddress fromSdp;
    private volatile Target latched;

    /** A resolved destination; {@code viaRtpPort} when our RTCP must leave from the RTP socket. */
    public record Target(InetSocketAddress address, boolean viaRtpPort) {
    }

    /** @param symmetric latch to the far end's RTCP source (the session's symmetric-RTP choice) */
    public RtcpDestination(boolean symmetric) {
        this.symmetric = symmetric;
    }

    /** The {@code a=rtcp} address from SDP, or null to use the RTP port + 1. */
    public void setFromSdp(InetSocketAddress address) {
        this.fromSdp = address;
    }

    /** Forgets the latched source (the far end moved, e.g. a re-INVITE). */
    public void unlatch() {
        this.latched = null;
    }

    /** False when RTCP from {@code source} must be dropped: latched to another address. */
    public boolean accepts(InetSocketAddress source) {
        Target t = latched;
        return !symmetric || t == null || t.address.equals(source);
    }

    /**
     * Notes a valid RTCP packet from {@code source}; under symmetric RTP the first one latches.
     *
     * @return true when this packet latched
     */
    public boolean onValidPacket(InetSocketAddress source, boolean onRtpPort) {
        if (!symmetric || latched != null) {
            return false;
        }
        latched = new Target(source, onRtpPort);
        return true;
    }

    /** Where our next report goes, given the far end's current RTP address (may be null); null when unknown. */
    public Target resolve(InetSocketAddress rtpRemote) {
        Target t = latched;
        if (t != null) {
            return t;
        }
        InetSocketAddress sdp = fromSdp;
        if (sdp != null) {
            return new Target(sdp, false);
        }
        if (rtpRemote == null || rtpRemote.getAddress() == null || rtpRemote.getPort() >= 65535) {
            return null;
        }
        return new Target(new InetSocketAddress(rtpRemote.getAddress(), rtpRemote.getPort() + 1), false);
    }
}
