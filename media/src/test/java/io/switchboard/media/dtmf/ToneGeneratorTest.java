package io.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.codec.PcmFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToneGeneratorTest {

    /** Goertzel power of {@code f} in a frame, normalised so a full-frame sine of amplitude A gives A²/4. */
    private static double power(PcmFrame frame, double f) {
        double c = 2 * Math.cos(2 * Math.PI * f / 8000);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < PcmFrame.SAMPLES; i++) {
            double s0 = frame.sample(i) + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double n = PcmFrame.SAMPLES;
        return (s1 * s1 + s2 * s2 - c * s1 * s2) / (n * n);
    }

    private static List<PcmFrame> frames(ToneGenerator g, int count) {
        List<PcmFrame> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(g.nextFrame());
        }
        return out;
    }

    @Test
    void chineseRingbackIsOneSecondOf450HzThenFourSecondsOfSilence() {
        List<PcmFrame> f = frames(new ToneGenerator(TonePlan.ringbackChina(), 4000), 500);
        for (int i = 0; i < 500; i++) {
            boolean on = (i % 250) < 50;
            double p450 = power(f.get(i), 450);
            if (on) {
                assertThat(p450).as("frame %d", i).isGreaterThan(4000.0 * 4000 / 4 * 0.9);
                assertThat(power(f.get(i), 1000)).isLessThan(p450 / 1000);
            } else {
                assertThat(f.get(i)).as("frame %d", i).isEqualTo(PcmFrame.silence());
            }
        }
        assertThat(TonePlan.ringbackChina().periodMs()).isEqualTo(5000);
    }

    @Test
    void northAmericanRingbackHas440And480HzForTwoSeconds() {
        List<PcmFrame> f = frames(new ToneGenerator(TonePlan.ringbackNorthAmerica(), 4000), 300);
        assertThat(power(f.get(10), 440)).isGreaterThan(1e6);
        assertThat(power(f.get(10), 480)).isGreaterThan(1e6);
        assertThat(power(f.get(99), 440)).isGreaterThan(1e6);
        assertThat(f.get(100)).isEqualTo(PcmFrame.silence());
        assertThat(f.get(299)).isEqualTo(PcmFrame.silence());
    }

    @Test
    void busyCadencesAlternate() {
        List<PcmFrame> na = frames(new ToneGenerator(TonePlan.busyNorthAmerica(), 4000), 100);
        assertThat(power(na.get(0), 620)).isGreaterThan(1e6);
        assertThat(na.get(25)).isEqualTo(PcmFrame.silence());
        assertThat(power(na.get(50), 480)).isGreaterThan(1e6);
        // 350 ms is 17.5 frames: the cadence runs on samples, not frames
        List<PcmFrame> cn = frames(new ToneGenerator(TonePlan.busyChina(), 4000), 40);
        assertThat(power(cn.get(5), 450)).isGreaterThan(1e6);
        assertThat(cn.get(20)).isEqualTo(PcmFrame.silence());
        assertThat(power(cn.get(36), 450)).isGreaterThan(1e6);
    }

    @Test
    void aDtmfPlanIsDetectedAndFinishes() {
        ToneGenerator g = new ToneGenerator(TonePlan.dtmf(DtmfDigit.HASH, 100, 100), 6000);
        List<DtmfPress> presses = new ArrayList<>();
        GoertzelDtmfDetector detector = new GoertzelDtmfDetector(presses::add);
        int frames = 0;
        while (!g.isFinished()) {
            detector.process(g.nextFrame());
            frames++;
        }
        assertThat(frames).isEqualTo(10);
        assertThat(presses).extracting(DtmfPress::digit).containsExactly(DtmfDigit.HASH);
        assertThat(g.nextFrame()).isEqualTo(PcmFrame.silence());
    }

    @Test
    void clippingAmplitudesAreRefused() {
        assertThatThrownBy(() -> new ToneGenerator(TonePlan.busyNorthAmerica(), 20000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
