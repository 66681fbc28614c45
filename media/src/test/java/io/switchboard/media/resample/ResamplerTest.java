package io.switchboard.media.resample;

import static io.switchboard.media.resample.Signals.db;
import static io.switchboard.media.resample.Signals.frequency;
import static io.switchboard.media.resample.Signals.rms;
import static io.switchboard.media.resample.Signals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
    private static final double AMPLITUDE = 10000;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"48000, 8000", "8000, 16000", "44100, 8000", "8000, 48000", "11025, 8000", "8000, 22050",
            "16000, 8000", "32000, 44100", "8000, 8000"})
    void aOneKilohertzToneKeepsItsFrequencyAndLevel(int from, int to) {
        short[] out = Resampler.resample(sine(1000, from, AMPLITUDE, from), from, to);

        assertThat(out).hasSize(to);
        int margin = to / 50;
        assertThat(frequency(out, margin, to - margin, to)).isCloseTo(1000, within(5.0));
        assertThat(db(rms(out, margin, to - margin), AMPLITUDE / Math.sqrt(2))).isCloseTo(0, within(0.5));
    }

    @Test
    void sixKilohertzAt48kDoesNotAliasInto8k() {
        short[] out = Resampler.resample(sine(6000, 48000, AMPLITUDE, 48000), 48000, 8000);

        double level = db(rms(out, 160, 8000 - 160), AMPLITUDE / Math.sqrt(2));
        assertThat(level).isLessThan(-40);
    }

    @Test
    void theTelephoneBandIsFlatAndNothingAboveNyquistFoldsBack() {
        double at3400 = db(rms(Resampler.resample(sine(3400, 48000, AMPLITUDE, 48000), 48000, 8000), 160, 7840),
                AMPLITUDE / Math.sqrt(2));
        double at4400 = db(rms(Resampler.resample(sine(4400, 48000, AMPLITUDE, 48000), 48000, 8000), 160, 7840),
                AMPLITUDE / Math.sqrt(2));
        assertThat(at3400).isCloseTo(0, within(0.5));
        assertThat(at4400).isLessThan(-60);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"48000, 8000", "8000, 44100", "44100, 16000", "22050, 32000", "8000, 7999"})
    void streamingInOddChunksEqualsOneShot(int from, int to) {
        SplittableRandom random = new SplittableRandom(7);
        short[] in = new short[from / 2];
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) random.nextInt(-20000, 20000);
        }
        short[] oneShot = Resampler.resample(in, from, to);

        Resampler r = new Resampler(from, to);
        short[] streamed = new short[0];
        int[] sizes = {1, 7, 0, 160, 333, 2, 961};
        int pos = 0;
        for (int i = 0; pos < in.length; i++) {
            int n = Math.min(sizes[i % sizes.length], in.length - pos);
            streamed = concat(streamed, r.process(Arrays.copyOfRange(in, pos, pos + n)));
            pos += n;
        }
        streamed = concat(streamed, r.flush());

        assertThat(streamed).isEqualTo(oneShot);
    }

    @Test
    void flushStartsAFreshStream() {
        short[] in = sine(1000, 16000, AMPLITUDE, 1600);
        Resampler r = new Resampler(16000, 8000);
        short[] first = concat(r.process(in), r.flush());
        short[] second = concat(r.process(in), r.flush());
        assertThat(second).isEqualTo(first).isEqualTo(Resampler.resample(in, 16000, 8000));
    }

    @Test
    void fullScaleSquareWavesClipInsteadOfWrapping() {
        short[] square = new short[4800];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 24) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] out = Resampler.resample(square, 48000, 8000);
        for (int n = 80; n < out.length - 80; n++) {
            int position = n % 8;
            if (position == 1 || position == 2) {
                assertThat(out[n]).as("sample %d", n).isGreaterThan((short) 20000);
            } else if (position == 5 || position == 6) {
                assertThat(out[n]).as("sample %d", n).isLessThan((short) -20000);
            }
        }
        assertThat(out).contains(Short.MAX_VALUE, Short.MIN_VALUE);
    }

    @Test
    void costPerTwentyMillisecondFrameIsPrinted() {
        int[][] pairs = {{48000, 8000}, {44100, 8000}, {8000, 16000}, {8000, 48000}, {16000, 8000}};
        for (int[] pair : pairs) {
            int from = pair[0];
            short[] frame = sine(1000, from, AMPLITUDE, from / 50);
            Resampler r = new Resampler(from, pair[1]);
            for (int i = 0; i < 5000; i++) {
                r.process(frame);
            }
            int frames = 5000;
            long start = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                r.process(frame);
            }
            double micros = (System.nanoTime() - start) / 1000.0 / frames;
            System.out.println(String.format(Locale.ROOT, "resampler %5d -> %5d Hz: %.1f us per 20 ms frame",
                    from, pair[1], micros));
        }
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
