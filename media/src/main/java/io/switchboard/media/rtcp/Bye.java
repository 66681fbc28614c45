package io.switchboard.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * BYE: the listed sources are leaving (RFC 3550 §6.6), optionally with a reason.
 *
 * @param ssrcs  at most 31 sources
 * @param reason UTF-8 text of at most 255 octets; empty when there is none
 */
public record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {

    public Bye {
        ssrcs = List.copyOf(ssrcs);
        RtcpPacket.countFits(ssrcs.size(), "BYE sources");
        for (long s : ssrcs) {
            RtcpPacket.unsigned32(s, "SSRC");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > SdesItem.MAX_LENGTH) {
            throw new IllegalArgumentException("BYE reason longer than 255 octets");
        }
    }

    @Override
    public RtcpPacketType type() {
        return RtcpPacketType.BYE;
    }

    @Override
    public int count() {
        return ssrcs.size();
    }

    @Override
    public int encodedLength() {
        int n = HEADER_LENGTH + 4 * ssrcs.size();
        if (!reason.isEmpty()) {
            int text = 1 + reason.getBytes(StandardCharsets.UTF_8).length;
            n += (text + 3) / 4 * 4;
        }
        return n;
    }
}
