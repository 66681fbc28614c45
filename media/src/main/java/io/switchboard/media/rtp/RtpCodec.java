package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Parses and serialises RTP packets (RFC 3550 §5.1, §5.3.1). Pure functions over Netty buffers:
 * the datagram handler and the tests share this one parser. Malformed input gives a
 * {@link DecodeResult#failure} with the reason; no exception escapes {@link #decode}.
 */
public final class RtpCodec {
    private RtpCodec() {
    }

    /**
     * Decodes the readable bytes of {@code buf} (not consumed: the reader index is left unchanged).
     * Rejects: short packets, version ≠ 2, a CSRC list or header extension running past the end,
     * a padding count of zero or longer than the payload area, and payload types 72–76 (RTCP SR/RR/SDES/
     * BYE/APP multiplexed on the same port, RFC 5761 §4).
     */
    public static DecodeResult<RtpPacket> decode(ByteBuf buf) {
        int start = buf.readerIndex();
        int len = buf.readableBytes();
        if (len < RtpPacket.HEADER_LENGTH) {
            return DecodeResult.failure("shorter than the 12-octet RTP header: " + len, 0);
        }
        int b0 = buf.getUnsignedByte(start);
        int version = b0 >> 6;
        if (version != RtpPacket.VERSION) {
            return DecodeResult.failure("RTP version " + version + ", expected 2", 0);
        }
        boolean padded = (b0 & 0x20) != 0;
        boolean hasExtension = (b0 & 0x10) != 0;
        int cc = b0 & 0x0F;
        int b1 = buf.getUnsignedByte(start + 1);
        boolean marker = (b1 & 0x80) != 0;
        int pt = b1 & 0x7F;
        if (pt >= 72 && pt <= 76) {
            return DecodeResult.failure("payload type " + pt + " is an RTCP packet type (RFC 5761)", 1);
        }
        int seq = buf.getUnsignedShort(start + 2);
        long ts = buf.getUnsignedInt(start + 4);
        long ssrc = buf.getUnsignedInt(start + 8);
        int pos = RtpPacket.HEADER_LENGTH;
        if (pos + 4 * cc > len) {
            return DecodeResult.failure("CSRC count " + cc + " runs past the end of the packet", pos);
        }
        long[] csrcs = new long[cc];
        for (int i = 0; i < cc; i++) {
            csrcs[i] = buf.getUnsignedInt(start + pos);
            pos += 4;
        }
        int profile = 0;
        byte[] extension = null;
        if (hasExtension) {
            if (pos + 4 > len) {
                return DecodeResult.failure("header extension header runs past the end of the packet", pos);
            }
            profile = buf.getUnsignedShort(start + pos);
            int words = buf.getUnsignedShort(start + pos + 2);
            pos += 4;
            if (pos + 4 * words > len) {
                return DecodeResult.failure("header extension of " + words + " words runs past the end", pos);
            }
            extension = new byte[4 * words];
            buf.getBytes(start + pos, extension);
            pos += extension.length;
        }
        int end = len;
        int padding = 0;
        if (padded) {
            padding = buf.getUnsignedByte(start + len - 1);
            if (padding == 0) {
                return DecodeResult.failure("padding bit set but padding count is 0", len - 1);
            }
            if (padding > len - pos) {
                return DecodeResult.failure("padding count " + padding + " exceeds the payload area", len - 1);
            }
            end = len - padding;
        }
        byte[] payload = new byte[end - pos];
        buf.getBytes(start + pos, payload);
        return DecodeResult.success(new RtpPacket(marker, pt, seq, ts, ssrc, csrcs, profile, extension,
                payload, padding));
    }

    /** Writes {@code packet} at the writer index of {@code out}. */
    public static void encode(RtpPacket packet, ByteBuf out) {
        long[] csrcs = packet.csrcsUnsafe();
        byte[] ext = packet.extensionUnsafe();
        int padding = packet.padding();
        int b0 = RtpPacket.VERSION << 6 | (padding > 0 ? 0x20 : 0) | (ext != null ? 0x10 : 0) | csrcs.length;
        out.writeByte(b0);
        out.writeByte((packet.marker() ? 0x80 : 0) | packet.payloadType());
        out.writeShort(packet.sequenceNumber());
        out.writeInt((int) packet.timestamp());
        out.writeInt((int) packet.ssrc());
        for (long csrc : csrcs) {
            out.writeInt((int) csrc);
        }
        if (ext != null) {
            out.writeShort(packet.extensionProfile());
            out.writeShort(ext.length / 4);
            out.writeBytes(ext);
        }
        out.writeBytes(packet.payloadUnsafe());
        if (padding > 0) {
            out.writeZero(padding - 1);
            out.writeByte(padding);
        }
    }
}
