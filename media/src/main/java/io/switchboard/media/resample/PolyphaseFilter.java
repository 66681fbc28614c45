package io.switchboard.media.resample;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coefficient table of a rational resampler: a Kaiser-windowed sinc low-pass, sampled at every
 * output phase. Immutable, so resamplers of the same rate pair share one table (a 44.1 kHz → 8 kHz
 * table is about 120 KB; a thousand calls must not hold a thousand copies).
 *
 * <p>Design (J. O. Smith, "Digital Audio Resampling"; Kaiser's formulas in Oppenheim &amp; Schafer §7.5.3):
 * the rate ratio reduced by the gcd gives {@code up / down}; output sample {@code n} sits at input
 * time {@code n·down/up}, i.e. at input index {@code i} plus phase {@code p/up}. The kernel is evaluated
 * on the input grid, so one table serves both directions without a gain factor. The pass band ends at
 * 0.85 and the stop band (80 dB) starts at 1.0 of the lower rate's Nyquist frequency: at 8 kHz that is
 * 3.4 kHz flat, nothing above 4 kHz folded back. Each phase is normalised to unit DC gain.
 *
 * <p>Rate pairs whose reduced {@code up} exceeds {@link #MAX_PHASES} (unusual rates such as 8000 →
 * 44099) use the nearest lower of {@code MAX_PHASES} phases: a timing error below 1/4096 of an input
 * sample (about −70 dB for a tone at the band edge), instead of an unbounded table.
 */
final class PolyphaseFilter {
    /** Upper bound on stored phases; every pair of the common rates 8000…48000 needs at most 1280. */
    static final int MAX_PHASES = 4096;
    private static final double STOPBAND_DB = 80;
    private static final double PASSBAND_EDGE = 0.85;
    private static final double STOPBAND_EDGE = 1.0;
    private static final int CACHED_PAIRS = 16;
    private static final Map<Long, PolyphaseFilter> CACHE = new LinkedHashMap<>(CACHED_PAIRS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PolyphaseFilter> eldest) {
            return size() > CACHED_PAIRS;
        }
    };

    /** Interpolation factor L (output rate / gcd). */
    final int up;
    /** Decimation factor M (input rate / gcd). */
    final int down;
    /** Stored phases: {@code up}, or {@link #MAX_PHASES} when {@code up} is larger. */
    final int phases;
    /** Input samples on each side of the output instant the kernel reaches; even, so rows are multiples of 4. */
    final int half;
    /** {@code phases} rows of {@code 2·half} taps; tap k of a row weighs input {@code i − half + 1 + k}. */
    final float[] coefficients;

    private PolyphaseFilter(int up, int down, int phases, int half, float[] coefficients) {
        this.up = up;
        this.down = down;
        this.phases = phases;
        this.half = half;
        this.coefficients = coefficients;
    }

    /** The (shared) filter converting {@code fromRate} to {@code toRate}. */
    static PolyphaseFilter forRates(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        Long key = ((long) fromRate << 32) | toRate;
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(key, k -> design(fromRate, toRate));
        }
    }

    int taps() {
        return 2 * half;
    }

    /** The row of coefficients for phase {@code p} (0 ≤ p &lt; up), as an offset into {@link #coefficients}. */
    int rowOffset(int p) {
        return (int) ((long) p * phases / up) * taps();
    }

    private static PolyphaseFilter design(int fromRate, int toRate) {
        int g = gcd(fromRate, toRate);
        int up = toRate / g;
        int down = fromRate / g;
        if (up == down) {
            return new PolyphaseFilter(1, 1, 1, 2, new float[] {0f, 1f, 0f, 0f});
        }
        double nyquist = 0.5 * Math.min(fromRate, toRate) / fromRate;
        double cutoff = nyquist * (PASSBAND_EDGE + STOPBAND_EDGE) / 2;
        double transition = nyquist * (STOPBAND_EDGE - PASSBAND_EDGE);
        double length = (STOPBAND_DB - 7.95) / (2.285 * 2 * Math.PI * transition);
        int half = 2 * (int) Math.ceil(length / 4);
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        int phases = Math.min(up, MAX_PHASES);
        int taps = 2 * half;
        float[] c = new float[phases * taps];
        double[] row = new double[taps];
        for (int p = 0; p < phases; p++) {
            double fraction = (double) p / phases;
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                double t = fraction + (half - 1) - k;
                row[k] = 2 * cutoff * sinc(2 * cutoff * t) * kaiser(t / half, beta);
                sum += row[k];
            }
            for (int k = 0; k < taps; k++) {
                c[p * taps + k] = (float) (row[k] / sum);
            }
        }
        return new PolyphaseFilter(up, down, phases, half, c);
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Kaiser window at {@code x} ∈ [−1, 1] (0 outside). */
    private static double kaiser(double x, double beta) {
        if (Math.abs(x) >= 1) {
            return 0;
        }
        return besselI0(beta * Math.sqrt(1 - x * x)) / besselI0(beta);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; term > 1e-12 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
