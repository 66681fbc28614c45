package io.switchboard.media.rtp;

import java.net.InetSocketAddress;

/** Receives every accepted RTP packet of a session, on the session's lane (DTMF, relays, statistics). */
@FunctionalInterface
public interface RtpPacketListener {
    void onPacket(RtpPacket packet, InetSocketAddress source);
}
