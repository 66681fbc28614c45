package io.switchboard.media.sdp;

/**
 * Our side of an SDP body: the address for {@code o=}/{@code c=} (the advertise address behind NAT),
 * our RTP port, and the origin's session id and version (RFC 4566 §5.2; the version goes up with each
 * new offer or answer that changes the session, RFC 3264 §8).
 */
public record LocalMedia(String address, int rtpPort, long sessionId, long sessionVersion) {
    public LocalMedia {
        if (rtpPort <= 0 || rtpPort > 65535) {
            throw new IllegalArgumentException("RTP port out of range: " + rtpPort);
        }
    }

    /** {@code IP6} when the address is an IPv6 literal, else {@code IP4}. */
    public String addressType() {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }
}
