package io.switchboard.media.codec;

import java.util.Arrays;

/**
 * One 20 ms frame of narrowband audio: 160 signed 16-bit samples at 8000 Hz, mono.
 *
 * <p>This is the common currency between codecs, DTMF detection, playback, recording and bridges
 * (ARCHITECTURE.md, "media"). The frame owns a private copy of its samples, so it can be handed
 * from an event loop to a lane without sharing mutable state.
 */
public final class PcmFrame {
    /** Samples per second. */
    public static final int SAMPLE_RATE = 8000;
    /** Frame length in milliseconds (the RTP packetisation interval, SDP {@code a=ptime:20}). */
    public static final int DURATION_MS = 20;
    /** Samples in one frame: 8000 Hz × 20 ms. */
    public static final int SAMPLES = SAMPLE_RATE * DURATION_MS / 1000;

    private static final PcmFrame SILENCE = new PcmFrame(new short[SAMPLES]);

    private final short[] samples;

    private PcmFrame(short[] samples) {
        this.samples = samples;
    }

    /** A frame holding a copy of {@code samples}, which must be exactly {@link #SAMPLES} long. */
    public static PcmFrame of(short[] samples) {
        if (samples.length != SAMPLES) {
            throw new IllegalArgumentException("a 20 ms frame has " + SAMPLES + " samples, not " + samples.length);
        }
        return new PcmFrame(samples.clone());
    }

    /** A frame copied from {@code SAMPLES} samples of {@code source} starting at {@code offset}. */
    public static PcmFrame copyOf(short[] source, int offset) {
        return new PcmFrame(Arrays.copyOfRange(source, offset, offset + SAMPLES));
    }

    /** The all-zero frame. */
    public static PcmFrame silence() {
        return SILENCE;
    }

    /** Sample {@code i} (0 ≤ i &lt; 160). */
    public short sample(int i) {
        return samples[i];
    }

    /** A copy of the samples. */
    public short[] samples() {
        return samples.clone();
    }

    /** Copies the samples into {@code dest} at {@code offset}. */
    public void copyTo(short[] dest, int offset) {
        System.arraycopy(samples, 0, dest, offset, SAMPLES);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcmFrame && Arrays.equals(samples, ((PcmFrame) o).samples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "PcmFrame[160 samples]";
    }
}
