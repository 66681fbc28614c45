package io.switchboard.media.jitter;

/**
 * Which of the last 64 extended sequence numbers have arrived, as a bit mask (the sliding window of
 * RFC 3711 §3.3.2 replay protection, used here to spot duplicates that the network or a retransmitting
 * middlebox produced).
 */
final class SeenWindow {
    private static final int SIZE = Long.SIZE;

    private boolean started;
    private long highest;
    private long mask;

    /** Records {@code seq}; true when it had already been recorded. Older than the window counts as new. */
    boolean seenBefore(long seq) {
        if (!started || seq > highest) {
            long shift = started ? seq - highest : SIZE;
            mask = shift >= SIZE ? 1 : (mask << shift) | 1;
            highest = seq;
            started = true;
            return false;
        }
        long back = highest - seq;
        if (back >= SIZE) {
            return false;
        }
        long bit = 1L << back;
        boolean seen = (mask & bit) != 0;
        mask |= bit;
        return seen;
    }

    void reset() {
        started = false;
    }
}
