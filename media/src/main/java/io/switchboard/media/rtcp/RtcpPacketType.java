package io.switchboard.media.rtcp;

/**
 * The RTCP packet types of RFC 3550 §12.1. Types other than these (RFC 4585 feedback, RFC 3611 XR…)
 * are skipped by {@link RtcpCodec#decode}, as §6.1 asks of a receiver that does not understand them.
 */
public enum RtcpPacketType {
    /** Sender report, §6.4.1. */
    SR(200),
    /** Receiver report, §6.4.2. */
    RR(201),
    /** Source description, §6.5. */
    SDES(202),
    /** Goodbye, §6.6. */
    BYE(203),
    /** Application-defined, §6.7. */
    APP(204);

    private final int code;

    RtcpPacketType(int code) {
        this.code = code;
    }

    /** The PT field value. */
    public int code() {
        return code;
    }

    /** The type with PT value {@code code}, or null for a type this codec does not know. */
    public static RtcpPacketType of(int code) {
        return code >= 200 && code <= 204 ? values()[code - 200] : null;
    }

    /**
     * True when the second octet of a datagram on the RTP port marks it as RTCP multiplexed there
     * (RFC 5761 §4: the RTCP types SR–APP read as RTP marker bit plus payload types 72–76).
     */
    public static boolean isMultiplexed(int secondOctet) {
        int pt = secondOctet & 0x7F;
        return pt >= SR.code - 128 && pt <= APP.code - 128;
    }
}
