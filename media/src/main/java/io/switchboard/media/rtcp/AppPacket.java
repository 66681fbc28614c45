package io.switchboard.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * APP: application-defined data (RFC 3550 §6.7). We accept and ignore them; the type exists so that
 * compound packets containing one decode and round-trip.
 *
 * @param subtype 0..31, carried in the count field
 * @param ssrc    the sender
 * @param name    four ASCII characters
 * @param data    application data, a multiple of 4 octets
 */
public record AppPacket(int subtype, long ssrc, String name, byte[] data) implements RtcpPacket {
    /** Header, SSRC and name. */
    public static final int FIXED_LENGTH = 12;

    public AppPacket {
        if (subtype < 0 || subtype > 31) {
            throw new IllegalArgumentException("APP subtype must be 0..31: " + subtype);
        }
        RtcpPacket.unsigned32(ssrc, "SSRC");
        if (name.length() != 4 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("APP name must be 4 ASCII characters: " + name);
        }
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("APP data must be a multiple of 4 octets: " + data.length);
        }
        data = data.clone();
    }

    /** A copy of the data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public RtcpPacketType type() {
        return RtcpPacketType.APP;
    }

    @Override
    public int count() {
        return subtype;
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppPacket a && a.subtype == subtype && a.ssrc == ssrc && a.name.equals(name)
                && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return (31 * Long.hashCode(ssrc) + name.hashCode()) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AppPacket[subtype=" + subtype + ", ssrc=" + ssrc + ", name=" + name + ", " + data.length + " octets]";
    }
}
