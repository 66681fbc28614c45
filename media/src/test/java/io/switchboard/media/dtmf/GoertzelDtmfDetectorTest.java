package io.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.codec.G711Codec;
import io.switchboard.media.codec.PcmFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GoertzelDtmfDetectorTest {
    private final List<DtmfPress> presses = new ArrayList<>();
    private final GoertzelDtmfDetector detector = new GoertzelDtmfDetector(presses::add);
    private final Random random = new Random(4733);

    /** Appends {@code ms} of f1+f2 (each at {@code amplitude}) plus white noise of {@code noise} RMS. */
    private static void tone(List<Short> out, double f1, double f2, double amplitude, int ms, double noise,
                             Random random) {
        int n = ms * 8;
        int start = out.size();
        for (int i = 0; i < n; i++) {
            double t = (start + i) / 8000.0;
            double v = amplitude * (Math.sin(2 * Math.PI * f1 * t) + (f2 > 0 ? Math.sin(2 * Math.PI * f2 * t) : 0))
                    + noise * random.nextGaussian();
            out.add((short) Math.max(-32768, Math.min(32767, Math.round(v))));
        }
    }

    private void feed(List<Short> samples) {
        short[] a = new short[samples.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = samples.get(i);
        }
        // feed in uneven chunks: block boundaries must not matter
        int pos = 0;
        while (pos < a.length) {
            int len = Math.min(a.length - pos, 37 + random.nextInt(300));
            detector.process(a, pos, len);
            pos += len;
        }
    }

    private String detected() {
        return presses.stream().map(p -> String.valueOf(p.digit().symbol())).collect(Collectors.joining());
    }

    @Test
    void allSixteenKeysAreDetectedOnceEach() {
        List<Short> s = new ArrayList<>();
        for (DtmfDigit d : DtmfDigit.values()) {
            tone(s, d.rowHz(), d.columnHz(), 6000, 100, 50, random);
            tone(s, 0, 0, 0, 100, 50, random);
        }
        feed(s);
        assertThat(detected()).isEqualTo("0123456789*#ABCD");
    }

    @Test
    void detectsWithTwistOffNominalFrequenciesAndNoise() {
        List<Short> s = new ArrayList<>();
        tone(s, 0, 0, 0, 60, 0, random);
        // Q.24: frequencies within ±1.5 %, high group 4 dB above low group, SNR about 20 dB
        for (DtmfDigit d : new DtmfDigit[] {DtmfDigit.D1, DtmfDigit.D5, DtmfDigit.D9, DtmfDigit.HASH}) {
            List<Short> t = new ArrayList<>();
            int n = 70 * 8;
            int start = s.size();
            for (int i = 0; i < n; i++) {
                double time = (start + i) / 8000.0;
                double v = 3000 * Math.sin(2 * Math.PI * d.rowHz() * 1.015 * time)
                        + 4750 * Math.sin(2 * Math.PI * d.columnHz() * 0.985 * time) + 400 * random.nextGaussian();
                t.add((short) Math.round(v));
            }
            s.addAll(t);
            tone(s, 0, 0, 0, 80, 400, random);
        }
        feed(s);
        assertThat(detected()).isEqualTo("159#");
    }

    @Test
    void aLongPressIsOneDigitAndSurvivesG711() {
        List<Short> s = new ArrayList<>();
        tone(s, 852, 1336, 5000, 1000, 30, random);
        tone(s, 0, 0, 0, 200, 30, random);
        short[] a = new short[s.size() - s.size() % PcmFrame.SAMPLES];
        for (int i = 0; i < a.length; i++) {
            a[i] = s.get(i);
        }
        for (int off = 0; off < a.length; off += PcmFrame.SAMPLES) {
            PcmFrame frame = PcmFrame.copyOf(a, off);
            detector.process(G711Codec.PCMA.decode(G711Codec.PCMA.encode(frame)));
        }
        assertThat(detected()).isEqualTo("8");
        assertThat(presses.get(0).rtpTimestamp()).isBetween(0L, 2L * GoertzelDtmfDetector.BLOCK);
    }

    @Test
    void noiseSingleTonesAndSilenceAreNotDigits() {
        List<Short> s = new ArrayList<>();
        tone(s, 0, 0, 0, 1000, 3000, random); // loud white noise
        tone(s, 697, 0, 8000, 500, 0, random); // a single row tone
        tone(s, 1477, 0, 8000, 500, 0, random); // a single column tone
        tone(s, 1000, 0, 8000, 500, 0, random); // a 1 kHz test tone
        tone(s, 697, 770, 6000, 500, 0, random); // two row tones together
        tone(s, 0, 0, 0, 500, 5, random); // near silence
        tone(s, 697, 1209, 10, 500, 0, random); // a digit far below the power floor
        tone(s, 1209, 1336, 6000, 500, 0, random); // two column tones
        feed(s);
        assertThat(detected()).isEmpty();
    }

    @Test
    void fortyMillisecondTonesWithFortyMillisecondGapsAreSeparateDigits() {
        List<Short> s = new ArrayList<>();
        for (char c : "1122334455".toCharArray()) {
            DtmfDigit d = DtmfDigit.fromSymbol(c);
            tone(s, 0, 0, 0, 40, 20, random);
            tone(s, d.rowHz(), d.columnHz(), 6000, 40, 20, random);
        }
        feed(s);
        assertThat(detected()).isEqualTo("1122334455");
    }

    @Test
    void tooShortATonePulseIsNotADigit() {
        List<Short> s = new ArrayList<>();
        tone(s, 0, 0, 0, 10, 0, random);
        tone(s, 770, 1477, 6000, 20, 0, random);
        tone(s, 0, 0, 0, 200, 0, random);
        feed(s);
        assertThat(detected()).isEmpty();
    }
}
