package io.switchboard.speech.tts.marytts;

/**
 * Re-expresses a mel-cepstral spectral envelope analysed at one sampling rate as the mel-cepstrum of the
 * same envelope, band-limited, at a lower rate, so that an MLSA vocoder can run at the lower rate.
 *
 * <p>With frequency warping {@code β_α(ω) = ω + 2·atan(α sin ω / (1 − α cos ω))} a mel-cepstrum
 * {@code c} describes the log amplitude {@code log|H(ω)| = Σ c[n] cos(n·β_α(ω))}. The envelope the
 * low-rate filter must realise is the high-rate one up to the new Nyquist frequency,
 * {@code log|H'(ω')| = log|H(ω'·r)|} with {@code r = lowRate / highRate}; in the low rate's warped
 * frequency {@code θ = β_α'(ω')} that is again a cosine series, whose first {@code order} terms are its
 * mel-cepstrum. Sampling θ on a fine grid makes the whole map one matrix, computed once: converting a
 * frame costs {@code order × highOrder} multiply-adds.
 *
 * <p>The gain term is lowered by {@code ½·ln(highRate / lowRate)}: white excitation of unit power per
 * sample spreads over a third of the bandwidth at a third of the rate, so this keeps the spectral density,
 * and hence the level, of the band that remains.
 */
final class MelCepstrumRateConverter {
    /** Points of the warped-frequency grid; far more than any order used, so the projection is exact enough. */
    private static final int GRID = 512;

    private final double[][] matrix;
    private final double gainShift;

    /**
     * @param highOrder number of coefficients (c[0] included) of the input
     * @param highAlpha all-pass constant of the input's warping
     * @param order     number of coefficients of the output
     * @param alpha     all-pass constant of the output's warping
     * @param ratio     low rate over high rate, in (0, 1]
     */
    MelCepstrumRateConverter(int highOrder, double highAlpha, int order, double alpha, double ratio) {
        if (ratio <= 0 || ratio > 1 || highOrder < 1 || order < 1) {
            throw new IllegalArgumentException("bad conversion " + highOrder + "@" + highAlpha + " -> " + order + "@"
                    + alpha + " ratio " + ratio);
        }
        matrix = new double[order][highOrder];
        for (int j = 0; j < GRID; j++) {
            double theta = Math.PI * (j + 0.5) / GRID;
            double omegaLow = warp(theta, -alpha);
            double phi = warp(omegaLow * ratio, highAlpha);
            for (int k = 0; k < order; k++) {
                double w = (k == 0 ? 1.0 : 2.0) / GRID * Math.cos(k * theta);
                for (int n = 0; n < highOrder; n++) {
                    matrix[k][n] += w * Math.cos(n * phi);
                }
            }
        }
        gainShift = 0.5 * Math.log(1 / ratio);
    }

    /** The all-pass frequency warping β_α(ω); β_−α is its inverse. */
    static double warp(double omega, double alpha) {
        return omega + 2 * Math.atan2(alpha * Math.sin(omega), 1 - alpha * Math.cos(omega));
    }

    int order() {
        return matrix.length;
    }

    /** Converts one frame {@code in} (highOrder coefficients) into {@code out} (order coefficients). */
    void convert(double[] in, double[] out) {
        for (int k = 0; k < matrix.length; k++) {
            double[] row = matrix[k];
            double s = 0;
            for (int n = 0; n < row.length; n++) {
                s += row[n] * in[n];
            }
            out[k] = s;
        }
        out[0] -= gainShift;
    }
}
