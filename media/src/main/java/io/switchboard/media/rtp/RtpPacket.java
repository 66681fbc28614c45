package io.switchboard.media.rtp;

import java.util.Arrays;

/**
 * An RTP data packet (RFC 3550 §5.1) as a value.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Sequence numbers are kept as 0–65535, timestamps and SSRCs as unsigned 32-bit values in a
 * {@code long}. Padding is not kept: a decoded packet holds the payload without it, and
 * {@link RtpCodec#encode} writes {@code padding} octets when asked. The header extension
 * (§5.3.1) is kept as its 16-bit profile field and its data (a multiple of 4 octets), or null.
 * The packet owns copies of its arrays.
 */
public final class RtpPacket {
    /** The only RTP version, RFC 3550 §5.1. */
    public static final int VERSION = 2;
    /** Fixed header length without CSRCs. */
    public static final int HEADER_LENGTH = 12;

    private final boolean marker;
    private final int payloadType;
    private final int sequenceNumber;
    private final long timestamp;
    private final long ssrc;
    private final long[] csrcs;
    private final int extensionProfile;
    private final byte[] extension;
    private final byte[] payload;
    private final int padding;

    RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, long[] csrcs,
              int extensionProfile, byte[] extension, byte[] payload, int padding) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs");
        }
        if (extension != null && extension.length % 4 != 0) {
            throw new IllegalArgumentException("header extension length must be a multiple of 4");
        }
        if (padding < 0 || padding > 255) {
            throw new IllegalArgumentException("padding must be 0..255");
        }
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequenceNumber = sequenceNumber & 0xFFFF;
        this.timestamp = timestamp & 0xFFFFFFFFL;
        this.ssrc = ssrc & 0xFFFFFFFFL;
        this.csrcs = csrcs.clone();
        this.extensionProfile = extensionProfile & 0xFFFF;
        this.extension = extension == null ? null : extension.clone();
        this.payload = payload.clone();
        this.padding = padding;
    }

    /** A packet without CSRCs, extension or padding: what a G.711 or telephone-event sender emits. */
    public static RtpPacket of(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                               byte[] payload) {
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, new long[0], 0, null, payload, 0);
    }

    /** A builder starting from all fields zero. */
    public static RtpPacketBuilder builder() {
        return new RtpPacketBuilder();
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sequenceNumber() {
        return sequenceNumber;
    }

    public long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    public long[] csrcs() {
        return csrcs.clone();
    }

    public int csrcCount() {
        return csrcs.length;
    }

    public boolean hasExtension() {
        return extension != null;
    }

    /** The 16 "defined by profile" bits of the header extension; 0 when there is none. */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** The header extension data (without its 4-octet header), or null. */
    public byte[] extension() {
        return extension == null ? null : extension.clone();
    }

    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** Padding octets to write after the payload (0 = none). Decoded packets report the padding received. */
    public int padding() {
        return padding;
    }

    /** Bytes this packet occupies on the wire. */
    public int encodedLength() {
        return HEADER_LENGTH + 4 * csrcs.length + (extension == null ? 0 : 4 + extension.length)
                + payload.length + padding;
    }

    byte[] payloadUnsafe() {
        return payload;
    }

    byte[] extensionUnsafe() {
        return extension;
    }

    long[] csrcsUnsafe() {
        return csrcs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RtpPacket)) {
            return false;
        }
        RtpPacket p = (RtpPacket) o;
        return marker == p.marker && payloadType == p.payloadType && sequenceNumber == p.sequenceNumber
                && timestamp == p.timestamp && ssrc == p.ssrc && Arrays.equals(csrcs, p.csrcs)
                && extensionProfile == p.extensionProfile && Arrays.equals(extension, p.extension)
                && Arrays.equals(payload, p.payload) && padding == p.padding;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ssrc) * 31 * 31 + sequenceNumber * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RTP[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc="
                + Long.toHexString(ssrc) + (marker ? " M" : "") + " len=" + payload.length + "]";
    }
}
