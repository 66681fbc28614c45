package io.switchboard.media.rtcp;

import java.util.List;
import java.util.Optional;

/**
 * SDES: descriptions of sources, one chunk per SSRC (RFC 3550 §6.5). Every compound packet carries ours
 * with a CNAME (§6.1).
 *
 * @param chunks at most 31
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    public SourceDescription {
        chunks = List.copyOf(chunks);
        RtcpPacket.countFits(chunks.size(), "SDES chunks");
    }

    /** One source's items. On the wire the list ends with 1–4 null octets up to a 32-bit boundary. */
    public record Chunk(long ssrc, List<SdesItem> items) {
        public Chunk {
            RtcpPacket.unsigned32(ssrc, "SSRC");
            items = List.copyOf(items);
        }

        /** The first item of {@code type}. */
        public Optional<String> item(SdesItemType type) {
            return items.stream().filter(i -> i.type() == type).map(SdesItem::value).findFirst();
        }

        int encodedLength() {
            int itemOctets = 0;
            for (SdesItem i : items) {
                itemOctets += i.encodedLength();
            }
            return 4 + (itemOctets / 4 + 1) * 4;
        }
    }

    /** A description of one source by its CNAME alone (what each compound packet needs). */
    public static SourceDescription cname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(SdesItem.cname(cname)))));
    }

    @Override
    public RtcpPacketType type() {
        return RtcpPacketType.SDES;
    }

    @Override
    public int count() {
        return chunks.size();
    }

    @Override
    public int encodedLength() {
        int n = HEADER_LENGTH;
        for (Chunk c : chunks) {
            n += c.encodedLength();
        }
        return n;
    }
}
