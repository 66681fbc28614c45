package io.switchboard.media.rtp;

/** Builds {@link RtpPacket}s field by field (tests, CSRC-carrying mixers, header extensions). */
public final class RtpPacketBuilder {
    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private long[] csrcs = new long[0];
    private int extensionProfile;
    private byte[] extension;
    private byte[] payload = new byte[0];
    private int padding;

    RtpPacketBuilder() {
    }

    public RtpPacketBuilder marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    public RtpPacketBuilder payloadType(int payloadType) {
        this.payloadType = payloadType;
        return this;
    }

    public RtpPacketBuilder sequenceNumber(int sequenceNumber) {
        this.sequenceNumber = sequenceNumber;
        return this;
    }

    public RtpPacketBuilder timestamp(long timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    public RtpPacketBuilder ssrc(long ssrc) {
        this.ssrc = ssrc;
        return this;
    }

    public RtpPacketBuilder csrcs(long... csrcs) {
        this.csrcs = csrcs.clone();
        return this;
    }

    /** A header extension (RFC 3550 §5.3.1); {@code data} must be a multiple of 4 octets. */
    public RtpPacketBuilder extension(int profile, byte[] data) {
        this.extensionProfile = profile;
        this.extension = data.clone();
        return this;
    }

    public RtpPacketBuilder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    /** Padding octets to append (1–255; the last one holds the count, RFC 3550 §5.1 "P"). */
    public RtpPacketBuilder padding(int padding) {
        this.padding = padding;
        return this;
    }

    public RtpPacket build() {
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, extensionProfile,
                extension, payload, padding);
    }
}
