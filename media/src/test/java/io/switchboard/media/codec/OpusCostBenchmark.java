package io.switchboard.media.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What one transcoded call costs per 20 ms frame: an Opus encode and an Opus decode of speech-like audio.
 * Skipped unless {@code -Dopus.bench=true}:
 * {@code mvn -pl media -am test -Dtest=OpusCostBenchmark -Dopus.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "opus.bench", matches = "true")
class OpusCostBenchmark {

    @Test
    void encodeAndDecodeCostPerFrame() {
        for (int complexity : new int[] {OpusCodec.DEFAULT_COMPLEXITY, 0, 1, 2, 3, 5, 10}) {
            System.out.printf("complexity %d%n", complexity);
            measure(complexity);
        }
    }

    private static void measure(int complexity) {
        try (OpusCodec codec = new OpusCodec(complexity)) {
            PcmFrame[] frames = new PcmFrame[50];
            for (int f = 0; f < frames.length; f++) {
                short[] s = new short[PcmFrame.SAMPLES];
                for (int i = 0; i < s.length; i++) {
                    double t = (f * PcmFrame.SAMPLES + i) / 8000.0;
                    s[i] = (short) (6000 * Math.sin(2 * Math.PI * 180 * t) * (1 + Math.sin(2 * Math.PI * 3 * t))
                            + 2000 * Math.sin(2 * Math.PI * 1100 * t));
                }
                frames[f] = PcmFrame.of(s);
            }
            byte[][] packets = new byte[frames.length][];
            for (int round = 0; round < 3; round++) {
                int n = 20_000;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    packets[i % frames.length] = codec.encode(frames[i % frames.length]);
                }
                long t1 = System.nanoTime();
                long sink = 0;
                for (int i = 0; i < n; i++) {
                    sink += codec.decode(packets[i % frames.length]).sample(7);
                }
                long t2 = System.nanoTime();
                System.out.printf("opus round %d: encode %.1f us/frame, decode %.1f us/frame (%d)%n", round,
                        (t1 - t0) / 1000.0 / n, (t2 - t1) / 1000.0 / n, sink & 1);
            }
        }
    }
}
