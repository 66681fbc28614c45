package io.switchboard.app.voice;

import java.util.Arrays;

/**
 * A caller's audio as it was spoken: each decoded 8 kHz frame is placed by its RTP timestamp, so what the
 * phone did not send (silence suppression, lost packets) becomes silence and late packets land where they
 * belong, instead of the message being squeezed together. Bounded by a maximum length. Thread-safe (the
 * media loop appends, the lane takes the result).
 */
final class TimedAudio {
    private static final int RATE = 8000;

    private final int maxSamples;
    private short[] samples = new short[RATE * 4];
    private int end;
    private long firstTimestamp = -1;

    TimedAudio(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    /** Adds one frame whose first sample has RTP {@code timestamp} on a {@code clockRate} clock. */
    synchronized void add(long timestamp, int clockRate, short[] pcm) {
        if (firstTimestamp < 0) {
            firstTimestamp = timestamp;
        }
        long units = (timestamp - firstTimestamp) & 0xFFFFFFFFL;
        if (units > 0x7FFFFFFFL) {
            return; // before the first packet (reordered): nothing to place it after
        }
        long at = units * RATE / clockRate;
        if (at >= maxSamples) {
            return;
        }
        int pos = (int) at;
        int n = Math.min(pcm.length, maxSamples - pos);
        if (pos + n > samples.length) {
            samples = Arrays.copyOf(samples, Math.min(maxSamples, Math.max(samples.length * 2, pos + n)));
        }
        System.arraycopy(pcm, 0, samples, pos, n);
        end = Math.max(end, pos + n);
    }

    /** The audio so far, 8 kHz mono. */
    synchronized short[] samples() {
        return Arrays.copyOf(samples, end);
    }
}
