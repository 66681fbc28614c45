package io.switchboard.media.dtmf;

import io.switchboard.media.codec.PcmFrame;

/**
 * Produces 20 ms frames of a {@link TonePlan}, one per media tick. Phase runs continuously within a
 * segment, so frames join without clicks. Not thread-safe: one generator per playback, on its lane.
 */
public final class ToneGenerator {
    private final TonePlan plan;
    private final double amplitude;
    private int segment;
    private int sampleInSegment;
    private boolean finished;

    /**
     * @param plan      the cadence
     * @param amplitude peak amplitude of each frequency (e.g. 4000 ≈ −21 dBFS per tone, so sums never clip)
     */
    public ToneGenerator(TonePlan plan, double amplitude) {
        if (amplitude < 0 || amplitude * maxFrequencies(plan) > Short.MAX_VALUE) {
            throw new IllegalArgumentException("amplitude would clip: " + amplitude);
        }
        this.plan = plan;
        this.amplitude = amplitude;
    }

    /** True once a non-repeating plan has played to its end (further frames are silence). */
    public boolean isFinished() {
        return finished;
    }

    /** The next 20 ms of the tone. */
    public PcmFrame nextFrame() {
        short[] out = new short[PcmFrame.SAMPLES];
        for (int i = 0; i < out.length && !finished; i++) {
            TonePlan.Segment s = plan.segments().get(segment);
            double v = 0;
            for (double f : s.frequencies()) {
                v += Math.sin(2 * Math.PI * f * sampleInSegment / PcmFrame.SAMPLE_RATE);
            }
            out[i] = (short) Math.round(amplitude * v);
            if (++sampleInSegment >= s.durationMs() * (PcmFrame.SAMPLE_RATE / 1000)) {
                sampleInSegment = 0;
                segment++;
                if (segment == plan.segments().size()) {
                    segment = 0;
                    finished = !plan.repeat();
                }
            }
        }
        return PcmFrame.of(out);
    }

    private static int maxFrequencies(TonePlan plan) {
        int max = 1;
        for (TonePlan.Segment s : plan.segments()) {
            max = Math.max(max, s.frequencies().length);
        }
        return max;
    }
}
