package io.switchboard.media.rtcp;

import java.util.List;

/**
 * SR: the report of a participant that sent RTP since its previous reports (RFC 3550 §6.4.1). The sender
 * info pairs a wall-clock (NTP) time with the RTP timestamp of the same instant, which lets the far end
 * measure the round trip (from LSR/DLSR) and synchronise streams.
 *
 * @param ssrc         the sender's SSRC
 * @param ntpTimestamp 64-bit NTP time of the report (RFC 5905 format, see {@link NtpTime})
 * @param rtpTimestamp the RTP timestamp corresponding to {@code ntpTimestamp}
 * @param packetCount  RTP packets sent since the start of transmission
 * @param octetCount   RTP payload octets (no headers, no padding) sent since the start of transmission
 * @param reports      reception report blocks, at most 31
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> reports) implements RtcpPacket {
    /** Header, SSRC and the 20-octet sender info. */
    public static final int FIXED_LENGTH = 28;

    public SenderReport {
        RtcpPacket.unsigned32(ssrc, "SSRC");
        RtcpPacket.unsigned32(rtpTimestamp, "RTP timestamp");
        RtcpPacket.unsigned32(packetCount, "packet count");
        RtcpPacket.unsigned32(octetCount, "octet count");
        reports = List.copyOf(reports);
        RtcpPacket.countFits(reports.size(), "report blocks");
    }

    @Override
    public RtcpPacketType type() {
        return RtcpPacketType.SR;
    }

    @Override
    public int count() {
        return reports.size();
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + ReportBlock.LENGTH * reports.size();
    }
}
