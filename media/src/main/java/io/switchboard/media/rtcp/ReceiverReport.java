package io.switchboard.media.rtcp;

import java.util.List;

/**
 * RR: the report of a participant that has not sent RTP lately (RFC 3550 §6.4.2); it may carry no
 * block at all (nothing received yet), but a compound packet still starts with one (§6.1).
 *
 * @param ssrc    the reporter's SSRC
 * @param reports reception report blocks, at most 31
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {
    /** Header and SSRC. */
    public static final int FIXED_LENGTH = 8;

    public ReceiverReport {
        RtcpPacket.unsigned32(ssrc, "SSRC");
        reports = List.copyOf(reports);
        RtcpPacket.countFits(reports.size(), "report blocks");
    }

    @Override
    public RtcpPacketType type() {
        return RtcpPacketType.RR;
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
