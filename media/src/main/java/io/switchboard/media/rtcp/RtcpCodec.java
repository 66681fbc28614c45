package io.switchboard.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.switchboard.media.rtp.DecodeResult;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and serialises compound RTCP packets (RFC 3550 §6). Pure functions over Netty buffers, shared
 * by the RTCP socket, RTCP multiplexed on the RTP port (RFC 5761) and the tests.
 *
 * <p>Validation follows §A.2: every packet has version 2, the first is an RTCP packet type (200–206; a
 * compound packet starts with SR or RR, but RFC 5506 reduced-size RTCP — which softphones such as baresip
 * send, e.g. a lone BYE at hang-up — may start with any) without padding, only
 * the last may be padded, and the packet lengths add up exactly to the datagram. Inside a packet the
 * count field must fit its length (report blocks, SDES chunks and items, BYE sources and reason).
 * Malformed input gives a {@link DecodeResult#failure} with the reason and the octet offset; no exception
 * escapes {@link #decode}. Packet types other than SR, RR, SDES, BYE and APP are skipped (§6.1).
 * Profile-specific extensions after an SR's or RR's report blocks are ignored.
 */
public final class RtcpCodec {
    private RtcpCodec() {
    }

    /** Decodes the readable bytes of {@code buf} (not consumed) as one compound packet. */
    public static DecodeResult<List<RtcpPacket>> decode(ByteBuf buf) {
        int len = buf.readableBytes();
        if (len < RtcpPacket.HEADER_LENGTH) {
            return DecodeResult.failure("shorter than the 4-octet RTCP header: " + len, 0);
        }
        Reader in = new Reader(buf);
        int firstType = in.u8(1);
        if (firstType < RtcpPacketType.SR.code() || firstType > 206) {
            return DecodeResult.failure("first packet has type " + firstType
                    + "; RTCP packet types are 200-206 (a compound packet starts with SR 200 or RR 201)", 1);
        }
        List<RtcpPacket> packets = new ArrayList<>(4);
        int pos = 0;
        while (pos < len) {
            if (len - pos < RtcpPacket.HEADER_LENGTH) {
                return DecodeResult.failure((len - pos) + " octets left after the last packet, less than a header", pos);
            }
            int b0 = in.u8(pos);
            if (b0 >> 6 != 2) {
                return DecodeResult.failure("RTCP version " + (b0 >> 6) + ", expected 2", pos);
            }
            int size = 4 * (in.u16(pos + 2) + 1);
            if (size > len - pos) {
                return DecodeResult.failure("packet length " + size + " octets runs past the end of the datagram ("
                        + (len - pos) + " left)", pos + 2);
            }
            int end = pos + size;
            if ((b0 & 0x20) != 0) {
                if (pos == 0) {
                    return DecodeResult.failure("padding bit set on the first packet", pos);
                }
                if (end != len) {
                    return DecodeResult.failure("padding bit set on a packet that is not the last", pos);
                }
                int pad = in.u8(end - 1);
                if (pad == 0 || pad > size - RtcpPacket.HEADER_LENGTH) {
                    return DecodeResult.failure("padding count " + pad + " does not fit the packet", end - 1);
                }
                end -= pad;
            }
            RtcpPacketType type = RtcpPacketType.of(in.u8(pos + 1));
            if (type != null) {
                DecodeResult<RtcpPacket> p = switch (type) {
                    case SR -> senderReport(in, pos, end, b0 & 0x1F);
                    case RR -> receiverReport(in, pos, end, b0 & 0x1F);
                    case SDES -> sourceDescription(in, pos, end, b0 & 0x1F);
                    case BYE -> bye(in, pos, end, b0 & 0x1F);
                    case APP -> app(in, pos, end, b0 & 0x1F);
                };
                if (!p.isSuccess()) {
                    return DecodeResult.failure(p.reason(), p.offset());
                }
                packets.add(p.value());
            }
            pos += size;
        }
        return DecodeResult.success(List.copyOf(packets));
    }

    /** Writes a compound packet; it must start with an SR or RR (§6.1). */
    public static void encode(List<? extends RtcpPacket> compound, ByteBuf out) {
        if (compound.isEmpty() || !(compound.get(0) instanceof SenderReport || compound.get(0) instanceof ReceiverReport)) {
            throw new IllegalArgumentException("a compound RTCP packet starts with an SR or RR");
        }
        for (RtcpPacket p : compound) {
            encodePacket(p, out);
        }
    }

    /** Octets {@link #encode} writes for {@code compound}. */
    public static int encodedLength(List<? extends RtcpPacket> compound) {
        int n = 0;
        for (RtcpPacket p : compound) {
            n += p.encodedLength();
        }
        return n;
    }

    /** Writes one packet (a compound packet needs more: see {@link #encode}). */
    public static void encodePacket(RtcpPacket packet, ByteBuf out) {
        out.writeByte(0x80 | packet.count());
        out.writeByte(packet.type().code());
        out.writeShort(packet.encodedLength() / 4 - 1);
        if (packet instanceof SenderReport sr) {
            out.writeInt((int) sr.ssrc());
            out.writeLong(sr.ntpTimestamp());
            out.writeInt((int) sr.rtpTimestamp());
            out.writeInt((int) sr.packetCount());
            out.writeInt((int) sr.octetCount());
            sr.reports().forEach(b -> writeBlock(b, out));
        } else if (packet instanceof ReceiverReport rr) {
            out.writeInt((int) rr.ssrc());
            rr.reports().forEach(b -> writeBlock(b, out));
        } else if (packet instanceof SourceDescription sdes) {
            sdes.chunks().forEach(c -> writeChunk(c, out));
        } else if (packet instanceof Bye bye) {
            bye.ssrcs().forEach(s -> out.writeInt(s.intValue()));
            if (!bye.reason().isEmpty()) {
                byte[] text = bye.reason().getBytes(StandardCharsets.UTF_8);
                out.writeByte(text.length);
                out.writeBytes(text);
                out.writeZero(3 - text.length % 4);
            }
        } else if (packet instanceof AppPacket app) {
            out.writeInt((int) app.ssrc());
            out.writeBytes(app.name().getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(app.data());
        }
    }

    private static void writeBlock(ReportBlock b, ByteBuf out) {
        out.writeInt((int) b.ssrc());
        out.writeInt(b.fractionLost() << 24 | b.cumulativeLost() & 0xFFFFFF);
        out.writeInt((int) b.extendedHighestSequence());
        out.writeInt((int) b.jitter());
        out.writeInt((int) b.lastSr());
        out.writeInt((int) b.delaySinceLastSr());
    }

    private static void writeChunk(SourceDescription.Chunk c, ByteBuf out) {
        out.writeInt((int) c.ssrc());
        int itemOctets = 0;
        for (SdesItem i : c.items()) {
            byte[] text = i.value().getBytes(StandardCharsets.UTF_8);
            out.writeByte(i.type().code());
            out.writeByte(text.length);
            out.writeBytes(text);
            itemOctets += 2 + text.length;
        }
        out.writeZero(4 - itemOctets % 4);
    }

    private static DecodeResult<RtcpPacket> senderReport(Reader in, int pos, int end, int count) {
        int need = SenderReport.FIXED_LENGTH + ReportBlock.LENGTH * count;
        if (end - pos < need) {
            return DecodeResult.failure("SR with " + count + " report blocks needs " + need + " octets, has " + (end - pos), pos);
        }
        return DecodeResult.success(new SenderReport(in.u32(pos + 4), in.s64(pos + 8), in.u32(pos + 16), in.u32(pos + 20),
                in.u32(pos + 24), blocks(in, pos + SenderReport.FIXED_LENGTH, count)));
    }

    private static DecodeResult<RtcpPacket> receiverReport(Reader in, int pos, int end, int count) {
        int need = ReceiverReport.FIXED_LENGTH + ReportBlock.LENGTH * count;
        if (end - pos < need) {
            return DecodeResult.failure("RR with " + count + " report blocks needs " + need + " octets, has " + (end - pos), pos);
        }
        return DecodeResult.success(new ReceiverReport(in.u32(pos + 4), blocks(in, pos + ReceiverReport.FIXED_LENGTH, count)));
    }

    private static List<ReportBlock> blocks(Reader in, int at, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++, at += ReportBlock.LENGTH) {
            int lost = in.s32(at + 4);
            blocks.add(new ReportBlock(in.u32(at), lost >>> 24, lost << 8 >> 8, in.u32(at + 8), in.u32(at + 12),
                    in.u32(at + 16), in.u32(at + 20)));
        }
        return blocks;
    }

    private static DecodeResult<RtcpPacket> sourceDescription(Reader in, int pos, int end, int count) {
        List<SourceDescription.Chunk> chunks = new ArrayList<>(count);
        int p = pos + RtcpPacket.HEADER_LENGTH;
        for (int c = 0; c < count; c++) {
            if (p + 4 > end) {
                return DecodeResult.failure("SDES chunk " + (c + 1) + " of " + count + " runs past the end of the packet", p);
            }
            long ssrc = in.u32(p);
            p += 4;
            List<SdesItem> items = new ArrayList<>(2);
            while (true) {
                if (p >= end) {
                    return DecodeResult.failure("SDES chunk " + (c + 1) + " has no null octet ending its item list", p);
                }
                int itemType = in.u8(p);
                if (itemType == 0) {
                    p = pos + (p - pos + 4) / 4 * 4;
                    break;
                }
                if (p + 2 > end || p + 2 + in.u8(p + 1) > end) {
                    return DecodeResult.failure("SDES item runs past the end of the packet", p);
                }
                int length = in.u8(p + 1);
                SdesItemType type = SdesItemType.of(itemType);
                String text = in.utf8(p + 2, length);
                if (type != null && text != null) {
                    items.add(new SdesItem(type, text));
                }
                p += 2 + length;
            }
            if (p > end) {
                return DecodeResult.failure("SDES chunk " + (c + 1) + " padding runs past the end of the packet", end);
            }
            chunks.add(new SourceDescription.Chunk(ssrc, items));
        }
        return DecodeResult.success(new SourceDescription(chunks));
    }

    private static DecodeResult<RtcpPacket> bye(Reader in, int pos, int end, int count) {
        int p = pos + RtcpPacket.HEADER_LENGTH;
        if (p + 4 * count > end) {
            return DecodeResult.failure("BYE with " + count + " sources runs past the end of the packet", pos);
        }
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++, p += 4) {
            ssrcs.add(in.u32(p));
        }
        String reason = "";
        if (p < end) {
            int length = in.u8(p);
            if (p + 1 + length > end) {
                return DecodeResult.failure("BYE reason of " + length + " octets runs past the end of the packet", p);
            }
            String text = in.utf8(p + 1, length);
            reason = text == null ? "" : text;
        }
        return DecodeResult.success(new Bye(ssrcs, reason));
    }

    private static DecodeResult<RtcpPacket> app(Reader in, int pos, int end, int subtype) {
        if (end - pos < AppPacket.FIXED_LENGTH) {
            return DecodeResult.failure("APP shorter than its 12-octet header: " + (end - pos), pos);
        }
        byte[] name = in.bytes(pos + 8, 4);
        for (byte b : name) {
            if (b < 0x20 || b > 0x7E) {
                return DecodeResult.failure("APP name is not 4 printable ASCII characters", pos + 8);
            }
        }
        int dataLength = end - pos - AppPacket.FIXED_LENGTH;
        if (dataLength % 4 != 0) {
            return DecodeResult.failure("APP data of " + dataLength + " octets is not a multiple of 4", pos + 12);
        }
        return DecodeResult.success(new AppPacket(subtype, in.u32(pos + 4), new String(name, StandardCharsets.US_ASCII),
                in.bytes(pos + AppPacket.FIXED_LENGTH, dataLength)));
    }

    /** Absolute reads relative to the datagram's start. */
    private record Reader(ByteBuf buf) {
        int u8(int at) {
            return buf.getUnsignedByte(buf.readerIndex() + at);
        }

        int u16(int at) {
            return buf.getUnsignedShort(buf.readerIndex() + at);
        }

        int s32(int at) {
            return buf.getInt(buf.readerIndex() + at);
        }

        long u32(int at) {
            return buf.getUnsignedInt(buf.readerIndex() + at);
        }

        long s64(int at) {
            return buf.getLong(buf.readerIndex() + at);
        }

        byte[] bytes(int at, int length) {
            byte[] b = new byte[length];
            buf.getBytes(buf.readerIndex() + at, b);
            return b;
        }

        /** The text, or null when it is not valid UTF-8 (the item is then skipped, not the packet). */
        String utf8(int at, int length) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes(at, length))).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }
}
