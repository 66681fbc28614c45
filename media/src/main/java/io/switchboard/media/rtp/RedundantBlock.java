package io.switchboard.media.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One block of an RFC 2198 redundant-audio payload, as used by RFC 4733 §2.5.1.5 to repeat
 * telephone events across packets.
 *
 * <pre>
 *  0                   1                   2                   3
 * |F|   block PT  |  timestamp offset         |   block length    |   (F=1: a redundant block follows)
 * |0|   block PT  |                                                   (F=0: the last, primary block)
 * </pre>
 *
 * @param payloadType the block's payload type
 * @param timestamp   the packet timestamp minus the block's offset (the primary block has offset 0)
 * @param payload     the block's data
 */
public record RedundantBlock(int payloadType, long timestamp, byte[] payload) {

    /** Splits an RFC 2198 payload into its blocks, oldest (first redundant) first, primary last. */
    public static DecodeResult<List<RedundantBlock>> split(RtpPacket packet) {
        byte[] p = packet.payloadUnsafe();
        List<int[]> headers = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos >= p.length) {
                return DecodeResult.failure("RFC 2198 header runs past the end of the payload", pos);
            }
            boolean more = (p[pos] & 0x80) != 0;
            int pt = p[pos] & 0x7F;
            if (!more) {
                headers.add(new int[] {pt, 0, -1});
                pos += 1;
                break;
            }
            if (pos + 4 > p.length) {
                return DecodeResult.failure("RFC 2198 block header truncated", pos);
            }
            int offset = ((p[pos + 1] & 0xFF) << 6) | ((p[pos + 2] & 0xFC) >> 2);
            int length = ((p[pos + 2] & 0x03) << 8) | (p[pos + 3] & 0xFF);
            headers.add(new int[] {pt, offset, length});
            pos += 4;
        }
        List<RedundantBlock> blocks = new ArrayList<>();
        for (int[] h : headers) {
            int length = h[2] < 0 ? p.length - pos : h[2];
            if (length < 0 || pos + length > p.length) {
                return DecodeResult.failure("RFC 2198 block of " + h[2] + " octets runs past the end", pos);
            }
            long ts = (packet.timestamp() - h[1]) & 0xFFFFFFFFL;
            blocks.add(new RedundantBlock(h[0], ts, Arrays.copyOfRange(p, pos, pos + length)));
            pos += length;
        }
        return DecodeResult.success(blocks);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
