package io.switchboard.media.jitter;

/**
 * Extends a wrapping RTP counter (16-bit sequence number, 32-bit timestamp) to a {@code long} by taking
 * each value as the nearest one to the highest seen so far, as RFC 3550 appendix A.1 does for sequence
 * numbers. Reordered packets just behind a wrap therefore land before it, not 65 536 ahead.
 */
final class Extender {
    private final long modulus;
    private boolean started;
    private long highest;

    Extender(int bits) {
        this.modulus = 1L << bits;
    }

    long extend(long value) {
        long v = value & (modulus - 1);
        if (!started) {
            started = true;
            highest = v;
            return v;
        }
        long delta = (v - highest) & (modulus - 1);
        if (delta >= modulus / 2) {
            delta -= modulus;
        }
        long extended = highest + delta;
        highest = Math.max(highest, extended);
        return extended;
    }

    void reset() {
        started = false;
    }
}
