package io.switchboard.media.rtcp;

/**
 * One packet of a compound RTCP packet (RFC 3550 §6.1): a value, built by {@link RtcpCodec#decode} or by
 * hand, written by {@link RtcpCodec#encode}.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Bye, AppPacket {
    /** The common header length: V, P, count, PT and length (§6.4.1). */
    int HEADER_LENGTH = 4;
    /** At most 31 report blocks or SDES chunks or BYE sources fit in the 5-bit count field. */
    int MAX_COUNT = 31;

    RtcpPacketType type();

    /** The 5-bit field after V and P: report blocks (SR, RR), chunks (SDES), sources (BYE) or subtype (APP). */
    int count();

    /** Octets on the wire, header included; always a multiple of 4. */
    int encodedLength();

    /** Rejects {@code value} unless it fits an unsigned 32-bit field. */
    static long unsigned32(long value, String field) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(field + " must fit 32 unsigned bits: " + value);
        }
        return value;
    }

    /** Rejects a count over {@link #MAX_COUNT}. */
    static void countFits(int count, String what) {
        if (count > MAX_COUNT) {
            throw new IllegalArgumentException("at most " + MAX_COUNT + " " + what + " per packet: " + count);
        }
    }
}
