package io.switchboard.speech.tts.marytts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The 48 kHz → 16 kHz mel-cepstrum conversion keeps the spectral envelope below 8 kHz. */
class MelCepstrumRateConverterTest {
    private final MelCepstrumRateConverter converter = new MelCepstrumRateConverter(35, 0.55, 25, 0.42, 1 / 3.0);

    @Test
    void warpingByMinusAlphaUndoesWarpingByAlpha() {
        for (double w = 0; w <= Math.PI; w += 0.1) {
            double there = MelCepstrumRateConverter.warp(w, 0.55);
            assertThat(there).isBetween(0.0, Math.PI + 1e-12);
            assertThat(MelCepstrumRateConverter.warp(there, -0.55)).isCloseTo(w, Offset.offset(1e-9));
        }
    }

    @Test
    void smoothEnvelopeIsKeptBelowTheNewNyquistFrequency() {
        // A speech-like envelope: decaying random mel-cepstrum, gain term 5.
        Random random = new Random(7);
        double[] wide = new double[35];
        wide[0] = 5;
        for (int n = 1; n < wide.length; n++) {
            wide[n] = random.nextGaussian() * 1.2 / n;
        }
        double[] narrow = new double[25];
        converter.convert(wide, narrow);
        double gainShift = 0.5 * Math.log(3);
        double worst = 0;
        for (double hz = 50; hz <= 7800; hz += 50) {
            double at48 = logAmplitude(wide, 0.55, 2 * Math.PI * hz / 48000);
            double at16 = logAmplitude(narrow, 0.42, 2 * Math.PI * hz / 16000) + gainShift;
            worst = Math.max(worst, Math.abs(at48 - at16));
        }
        // 0.35 nepers is 3 dB: a 25-coefficient envelope cannot follow every ripple of a 35-coefficient one.
        assertThat(worst).isLessThan(0.35);
    }

    @Test
    void flatEnvelopeStaysFlatWithTheGainLoweredForTheNarrowerBand() {
        double[] wide = new double[35];
        wide[0] = 2;
        double[] narrow = new double[25];
        converter.convert(wide, narrow);
        assertThat(narrow[0]).isCloseTo(2 - 0.5 * Math.log(3), Offset.offset(1e-9));
        for (int k = 1; k < narrow.length; k++) {
            assertThat(narrow[k]).isCloseTo(0, Offset.offset(1e-9));
        }
    }

    @Test
    void refusesAnUpwardRatio() {
        assertThatThrownBy(() -> new MelCepstrumRateConverter(35, 0.55, 25, 0.42, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double logAmplitude(double[] c, double alpha, double omega) {
        double beta = MelCepstrumRateConverter.warp(omega, alpha);
        double s = 0;
        for (int n = 0; n < c.length; n++) {
            s += c[n] * Math.cos(n * beta);
        }
        return s;
    }
}
