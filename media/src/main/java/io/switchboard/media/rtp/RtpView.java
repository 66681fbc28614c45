package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Reads and rewrites RTP header fields in place in a Netty buffer (RFC 3550 §5.1), without building an
 * {@link RtpPacket}: the relay path touches a few fields of every packet and must not allocate. Offsets
 * are relative to the buffer's reader index.
 */
public final class RtpView {
    private RtpView() {
    }

    /** Null when {@code buf} is an RTP packet whose header, CSRCs, extension and padding fit; else why not. */
    public static String check(ByteBuf buf) {
        int len = buf.readableBytes();
        if (len < RtpPacket.HEADER_LENGTH) {
            return "shorter than the 12-octet RTP header: " + len;
        }
        int b0 = buf.getUnsignedByte(buf.readerIndex());
        if (b0 >> 6 != RtpPacket.VERSION) {
            return "RTP version " + (b0 >> 6) + ", expected 2";
        }
        int pt = payloadType(buf);
        if (pt >= 72 && pt <= 76) {
            return "payload type " + pt + " is an RTCP packet type (RFC 5761)";
        }
        int start = payloadOffset(buf);
        if (start < 0) {
            return "CSRC list or header extension runs past the end of the packet";
        }
        if (payloadLength(buf) < 0) {
            return "padding count longer than the payload area";
        }
        return null;
    }

    public static int payloadType(ByteBuf buf) {
        return buf.getUnsignedByte(buf.readerIndex() + 1) & 0x7F;
    }

    public static boolean marker(ByteBuf buf) {
        return (buf.getUnsignedByte(buf.readerIndex() + 1) & 0x80) != 0;
    }

    public static int sequence(ByteBuf buf) {
        return buf.getUnsignedShort(buf.readerIndex() + 2);
    }

    public static long timestamp(ByteBuf buf) {
        return buf.getUnsignedInt(buf.readerIndex() + 4);
    }

    public static long ssrc(ByteBuf buf) {
        return buf.getUnsignedInt(buf.readerIndex() + 8);
    }

    /** Where the payload starts (after CSRCs and the extension), or -1 when they run past the end. */
    public static int payloadOffset(ByteBuf buf) {
        int start = buf.readerIndex();
        int len = buf.readableBytes();
        int b0 = buf.getUnsignedByte(start);
        int pos = RtpPacket.HEADER_LENGTH + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (pos + 4 > len) {
                return -1;
            }
            pos += 4 + 4 * buf.getUnsignedShort(start + pos + 2);
        }
        return pos <= len ? pos : -1;
    }

    /** The payload length without padding, or -1 when the padding count is invalid. */
    public static int payloadLength(ByteBuf buf) {
        int offset = payloadOffset(buf);
        if (offset < 0) {
            return -1;
        }
        int end = buf.readableBytes();
        if ((buf.getUnsignedByte(buf.readerIndex()) & 0x20) != 0) {
            int pad = buf.getUnsignedByte(buf.readerIndex() + end - 1);
            if (pad == 0 || pad > end - offset) {
                return -1;
            }
            end -= pad;
        }
        return end - offset;
    }

    /** Rewrites marker, payload type, sequence number, timestamp and SSRC. */
    public static void rewrite(ByteBuf buf, boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {
        int start = buf.readerIndex();
        buf.setByte(start + 1, (marker ? 0x80 : 0) | (payloadType & 0x7F));
        buf.setShort(start + 2, sequence);
        buf.setInt(start + 4, (int) timestamp);
        buf.setInt(start + 8, (int) ssrc);
    }

    /** Writes a plain 12-octet header (no CSRC, no extension, no padding) at the writer index. */
    public static void writeHeader(ByteBuf out, boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {
        out.writeByte(0x80);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(sequence);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
    }
}
