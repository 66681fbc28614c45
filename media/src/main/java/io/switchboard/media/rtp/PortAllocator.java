package io.switchboard.media.rtp;

import java.util.BitSet;
import java.util.OptionalInt;

/**
 * Hands out RTP port pairs from {@code [min, max]}: an even port for RTP and the next odd port for
 * RTCP (RFC 3550 §11). Allocation rotates through the range, so a just-released pair is reused last
 * (late packets of an ended call do not reach the next one).
 *
 * <p>Shared by all lanes of the node, so it is synchronized; each call is O(range/64) at worst.
 * Releasing a port that is not allocated is a programming error and throws.
 */
public final class PortAllocator {
    private final int min;
    private final int pairs;
    private final BitSet used;
    private int cursor;
    private int inUse;

    /**
     * @param min lowest port (rounded up to even)
     * @param max highest port; the last pair is the highest even {@code p} with {@code p + 1 <= max}
     */
    public PortAllocator(int min, int max) {
        int first = (min + 1) & ~1;
        if (first < 1024 || max > 65535 || first + 1 > max) {
            throw new IllegalArgumentException("RTP port range [" + min + ", " + max
                    + "] must hold at least one even/odd pair within 1024..65535");
        }
        this.min = first;
        this.pairs = (max - first + 1) / 2;
        this.used = new BitSet(pairs);
    }

    /** The RTP (even) port of a free pair, or empty when the range is exhausted. */
    public synchronized OptionalInt allocate() {
        if (inUse == pairs) {
            return OptionalInt.empty();
        }
        int i = used.nextClearBit(cursor);
        if (i >= pairs) {
            i = used.nextClearBit(0);
        }
        used.set(i);
        inUse++;
        cursor = i + 1 == pairs ? 0 : i + 1;
        return OptionalInt.of(min + 2 * i);
    }

    /** Returns the pair whose RTP port is {@code rtpPort}. */
    public synchronized void release(int rtpPort) {
        int offset = rtpPort - min;
        if (offset < 0 || offset % 2 != 0 || offset / 2 >= pairs) {
            throw new IllegalArgumentException("port " + rtpPort + " is not an RTP port of this range");
        }
        int i = offset / 2;
        if (!used.get(i)) {
            throw new IllegalStateException("port " + rtpPort + " released twice");
        }
        used.clear(i);
        inUse--;
    }

    /** Pairs that can still be allocated. */
    public synchronized int freeCount() {
        return pairs - inUse;
    }

    /** Pairs currently allocated. */
    public synchronized int inUseCount() {
        return inUse;
    }

    /** All pairs in the range. */
    public int capacity() {
        return pairs;
    }
}
