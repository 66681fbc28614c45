package io.switchboard.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.codec.PayloadType;
import io.switchboard.speech.tts.cache.PromptCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what issue #5 asks to record: MaryTTS cold start and warm real-time factor (synthesis time /
 * audio duration, target ≤ 0.05), espeak-ng's real-time factor, and how many cached prompts per second the
 * cache serves. The numbers are printed and written to {@code target/tts-performance.txt}; the assertions
 * are loose bounds that still catch a broken fast path. A benchmark, not a test: run by {@code bench/speech.sh}
 * ({@code -Dtts.bench=true}).
 */
@org.junit.jupiter.api.Tag("benchmark")
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "tts.bench", matches = "true")
class TtsPerformanceTest {
    @TempDir
    Path dir;

    @Test
    void measure() throws IOException {
        StringBuilder report = new StringBuilder();
        var mary = Engines.mary();
        report.append(String.format(Locale.ROOT, "MaryTTS cold start (start-up + first synthesis): %d ms%n",
                mary.startupTime().toMillis()));

        double[] maryRtf = rtf(mary, "en-US", MaryTtsSynthesizerTest.IVR, 3);
        report.append(String.format(Locale.ROOT, "MaryTTS warm RTF (1 request at a time, %d IVR sentences x 3): "
                + "wall %.4f, process CPU %.4f (load average %.1f on %d cores)%n", MaryTtsSynthesizerTest.IVR.size(),
                maryRtf[0], maryRtf[1], os().getSystemLoadAverage(), os().getAvailableProcessors()));

        double parallel = parallelRtf(mary, MaryTtsSynthesizerTest.IVR, os().getAvailableProcessors());
        report.append(String.format(Locale.ROOT, "MaryTTS throughput with %d threads: %.4f s of wall time per s of audio%n",
                os().getAvailableProcessors(), parallel));

        var espeak = Engines.espeak();
        List<String> zh = List.of("您好，欢迎致电客服中心。", "查询账单请按一，人工服务请按零。", "您的订单已经发货，请注意查收。",
                "对不起，您输入的号码有误，请重新输入。");
        double[] zhRtf = rtf(espeak, "zh-CN", zh, 5);
        double[] enRtf = rtf(espeak, "en-US", MaryTtsSynthesizerTest.IVR, 3);
        report.append(String.format(Locale.ROOT, "espeak-ng RTF Mandarin (cmn-latn-pinyin): wall %.4f, CPU %.4f; "
                + "English: wall %.4f, CPU %.4f%n", zhRtf[0], zhRtf[1], enRtf[0], enRtf[1]));

        PromptCache cache = new PromptCache(Engines.voices(), dir, 16 << 20);
        SynthesisRequest r = SynthesisRequest.of("en-US", MaryTtsSynthesizerTest.IVR.get(1));
        cache.get(r, PayloadType.PCMU);
        int n = 200_000;
        for (int i = 0; i < n / 10; i++) {
            cache.get(r, PayloadType.PCMU);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            cache.get(r, PayloadType.PCMU);
        }
        double perSecond = n / ((System.nanoTime() - t0) / 1e9);
        report.append(String.format(Locale.ROOT, "cached prompt lookups: %.0f per second (1 thread), syntheses %d%n",
                perSecond, cache.stats().syntheses()));

        System.out.print(report);
        Files.writeString(Path.of("target", "tts-performance.txt"), report);
        assertThat(maryRtf[1]).isLessThan(0.5);
        assertThat(zhRtf[1]).isLessThan(0.2);
        assertThat(perSecond).isGreaterThan(20_000);
        assertThat(cache.stats().syntheses()).isEqualTo(1);
    }

    /**
     * Real-time factors after two untimed passes (JIT): wall-clock synthesis time over audio duration, and
     * the process's CPU time over audio duration. On a shared machine the wall figure includes waiting for
     * a core; the CPU figure is the engine's cost (MaryTTS's vocoder runs on a thread of its own).
     */
    private static double[] rtf(SpeechSynthesizer engine, String voice, List<String> texts, int rounds) {
        for (int k = 0; k < 2; k++) {
            for (String t : texts) {
                engine.synthesize(SynthesisRequest.of(voice, t));
            }
        }
        long nanos = 0;
        double audio = 0;
        long cpu0 = os().getProcessCpuTime();
        for (int k = 0; k < rounds; k++) {
            for (String t : texts) {
                long t0 = System.nanoTime();
                Synthesis s = engine.synthesize(SynthesisRequest.of(voice, t));
                nanos += System.nanoTime() - t0;
                audio += Engines.seconds(s);
            }
        }
        long cpu = os().getProcessCpuTime() - cpu0;
        return new double[] {nanos / 1e9 / audio, cpu / 1e9 / audio};
    }

    /** Wall time over total audio when {@code threads} threads synthesize all {@code texts} each. */
    private static double parallelRtf(SpeechSynthesizer engine, List<String> texts, int threads) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Double>> done = new java.util.ArrayList<>();
            long t0 = System.nanoTime();
            for (int k = 0; k < threads; k++) {
                done.add(pool.submit(() -> {
                    double audio = 0;
                    for (String t : texts) {
                        audio += Engines.seconds(engine.synthesize(SynthesisRequest.of("en-US", t)));
                    }
                    return audio;
                }));
            }
            double audio = 0;
            for (var f : done) {
                audio += f.get();
            }
            return (System.nanoTime() - t0) / 1e9 / audio;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        return (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    }
}
