package io.switchboard.testkit;

/**
 * What a stretch of audio contains: its level and the frequency that dominates it, found by scanning
 * Goertzel filters (a single-bin DFT each) in 5 Hz steps. Enough to tell a 1 kHz test tone from a
 * 440 Hz one, from silence or from noise, which is what end-to-end audio tests need.
 */
public final class ToneAnalysis {
    private ToneAnalysis() {
    }

    /** RMS level in dB relative to full scale (a full-scale sine is -3 dBFS); -120 for silence. */
    public static double rmsDbfs(short[] samples) {
        if (samples.length == 0) {
            return -120;
        }
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        double rms = Math.sqrt(sum / samples.length) / 32768.0;
        return rms == 0 ? -120 : 20 * Math.log10(rms);
    }

    /** The power at {@code hz} (Goertzel), normalised by the length. */
    public static double power(short[] samples, int sampleRate, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (short x : samples) {
            double s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double p = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return p / ((double) samples.length * samples.length);
    }

    /** The frequency between {@code fromHz} and {@code toHz} with the most power, to 5 Hz. */
    public static double dominantFrequency(short[] samples, int sampleRate, double fromHz, double toHz) {
        double best = fromHz;
        double bestPower = -1;
        for (double f = fromHz; f <= toHz; f += 5) {
            double p = power(samples, sampleRate, f);
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        return best;
    }

    /**
     * The share of the signal's energy that lies within ±{@code bandHz} of {@code hz} (0..1): near 1 for a
     * clean tone, low for noise or a different tone.
     */
    public static double toneShare(short[] samples, int sampleRate, double hz, double bandHz) {
        double total = 0;
        for (short s : samples) {
            total += (double) s * s;
        }
        if (total == 0) {
            return 0;
        }
        double inBand = 0;
        // Parseval over DFT bins of width sampleRate/N: sum |X_k|^2 for bins within the band
        int n = samples.length;
        double binHz = (double) sampleRate / n;
        int lo = (int) Math.floor((hz - bandHz) / binHz);
        int hi = (int) Math.ceil((hz + bandHz) / binHz);
        for (int k = Math.max(1, lo); k <= hi && k < n / 2; k++) {
            inBand += 2 * power(samples, sampleRate, k * binHz) * n;
        }
        return Math.min(1, inBand / total);
    }
}
