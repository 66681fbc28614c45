package io.switchboard.media.resample;

/** Test signals and measurements shared by the resampling, WAV, playback and recording tests. */
public final class Signals {
    private Signals() {
    }

    /** {@code samples} of a sine of {@code hz} at {@code rate}, peak {@code amplitude}. */
    public static short[] sine(double hz, int rate, double amplitude, int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    /** Frequency from upward zero crossings in {@code [from, to)}, interpolated between samples. */
    public static double frequency(short[] s, int from, int to, int rate) {
        double first = -1;
        double last = -1;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                double at = i - 1 + (double) -s[i - 1] / (s[i] - s[i - 1]);
                if (first < 0) {
                    first = at;
                }
                last = at;
                crossings++;
            }
        }
        if (crossings < 2) {
            return 0;
        }
        return (crossings - 1) * rate / (last - first);
    }

    /** Root mean square of {@code [from, to)}. */
    public static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** {@code 20·log10(a / b)}. */
    public static double db(double a, double b) {
        return 20 * Math.log10(a / b);
    }
}
