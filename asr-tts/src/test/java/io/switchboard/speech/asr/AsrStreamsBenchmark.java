package io.switchboard.speech.asr;

import io.switchboard.speech.asr.vosk.VoskModelDirectory;
import io.switchboard.speech.asr.vosk.VoskRecognizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How many concurrent real-time streams the decoder pool sustains: N streams fed 20 ms frames of 8 kHz
 * G.711 speech by one ticker thread every 20 ms (as the media ticks of the lanes would), the IVR
 * sentences in a loop with one second of silence between them, each stream at a different point of the
 * loop. A level is sustained when no frame was dropped and no stream's decoder backlog exceeded
 * {@value #MAX_BACKLOG_MS} ms after the warm-up (the lag a caller would notice before {@code gather}
 * returns). Levels rise until one is not sustained.
 *
 * <p>On a shared machine the paced ramp measures what the other processes leave us, so each level also
 * reports the decoder threads' own CPU time per second of decoded audio ({@code cpu_per_decoded_s}),
 * and from it and the share of the loop the detector hands to the decoder ({@code decoded_share}: speech
 * plus pre-roll and trailing silence) the streams that dedicated cores would sustain
 * ({@code capacity_estimate = cores / (cpu_per_decoded_s × decoded_share)}).
 *
 * <p>Skipped unless {@code -Dasr.bench=true}: {@code mvn -pl asr-tts -am test -Dtest=AsrStreamsBenchmark
 * -Dasr.bench=true -Dsurefire.failIfNoSpecifiedTests=false}; optional {@code -Dasr.bench.seconds=20},
 * {@code -Dasr.bench.grammar=20,40,…}, {@code -Dasr.bench.freeform=2,4,…}, {@code -Dasr.bench.threads}.
 * Results are appended to {@code target/asr-bench.txt}; lines start with {@code asr_bench}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "asr.bench", matches = "true")
class AsrStreamsBenchmark {
    static final int RATE = 8000;
    static final int FRAME = RATE / 50;
    static final long MAX_BACKLOG_MS = 1000;
    static final int WARMUP_S = 3;

    @Test
    void grammarStreams() throws Exception {
        ramp("grammar", levels("asr.bench.grammar", "20,40,60,80,100,120,160"),
                RecognitionRequest.grammar(RATE, VoskGrammarTest.MENU));
    }

    @Test
    void freeFormStreams() throws Exception {
        ramp("free-form", levels("asr.bench.freeform", "2,4,6,8,10,12,16"), RecognitionRequest.freeForm(RATE));
    }

    private void ramp(String mode, int[] levels, RecognitionRequest request) throws Exception {
        int seconds = Integer.getInteger("asr.bench.seconds", 20);
        int threads = Integer.getInteger("asr.bench.threads", Runtime.getRuntime().availableProcessors());
        short[] loop = speechLoop();
        int speech = 0;
        for (short s : loop) {
            speech += Math.abs(s) > 64 ? 1 : 0;
        }
        try (VoskRecognizer recognizer = new VoskRecognizer(VoskModelDirectory.locate(), threads)) {
            double share = decodedShare(recognizer, request, loop);
            int best = 0;
            for (int n : levels) {
                long decoded0 = recognizer.stats().audioDecodedMs();
                long cpu0 = decoderCpuNanos();
                Result r = run(recognizer, request, n, seconds, loop);
                double decodedS = (recognizer.stats().audioDecodedMs() - decoded0) / 1000.0;
                double cpuPerDecoded = (decoderCpuNanos() - cpu0) / 1e9 / decodedS;
                report(String.format(Locale.ROOT, "asr_bench mode=%s streams=%d threads=%d seconds=%d "
                                + "max_backlog_ms=%d dropped=%d finals=%d process_cpu_cores=%.2f load=%.2f "
                                + "cpu_per_decoded_s=%.4f decoded_share=%.2f capacity_estimate=%.0f sustained=%s",
                        mode, n, threads, seconds, r.maxBacklogMs, r.dropped, r.finals, r.cpuCores, r.load,
                        cpuPerDecoded, share, Runtime.getRuntime().availableProcessors() / (cpuPerDecoded * share),
                        r.sustained()));
                if (!r.sustained()) {
                    break;
                }
                best = n;
            }
            report(String.format(Locale.ROOT, "asr_bench_result mode=%s sustained_streams=%d cores=%d speech_share=%.0f%%",
                    mode, best, Runtime.getRuntime().availableProcessors(), 100.0 * speech / loop.length));
        }
    }

    /** The share of the loop's audio that the detector hands to the decoder (one stream, fed at full speed). */
    private static double decodedShare(VoskRecognizer recognizer, RecognitionRequest request, short[] loop)
            throws Exception {
        long before = recognizer.stats().audioDecodedMs();
        try (RecognitionStream s = recognizer.open(request.withMaxBacklog(Duration.ofMillis(loop.length * 1000L / RATE + 1000)))) {
            var done = s.events().ignoreElements().toFuture();
            SpokenAudio.feedFrames(s, loop, RATE);
            s.finish();
            done.get(120, TimeUnit.SECONDS);
        }
        return (recognizer.stats().audioDecodedMs() - before) / (loop.length * 1000.0 / RATE);
    }

    /** CPU time of the recognizer's decoder threads ({@code asr-vosk-N}) so far. */
    private static long decoderCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("asr-vosk-")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    record Result(long maxBacklogMs, long dropped, int finals, double cpuCores, double load) {
        boolean sustained() {
            return dropped == 0 && maxBacklogMs <= MAX_BACKLOG_MS;
        }
    }

    private static Result run(VoskRecognizer recognizer, RecognitionRequest request, int n, int seconds, short[] loop)
            throws Exception {
        List<PooledRecognitionStream> streams = new ArrayList<>();
        AtomicInteger finals = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            var s = (PooledRecognitionStream) recognizer.open(request.withMaxBacklog(Duration.ofSeconds(3)));
            s.events().subscribe(e -> {
                if (e instanceof RecognitionEvent.Final) {
                    finals.incrementAndGet();
                }
            });
            streams.add(s);
        }
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = (int) ((long) loop.length * i / n) / FRAME * FRAME;
        }
        long[] maxBacklog = new long[1];
        int ticks = seconds * 50;
        AtomicInteger tick = new AtomicInteger();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-tick"));
        var done = new java.util.concurrent.CountDownLatch(1);
        ticker.scheduleAtFixedRate(() -> {
            int t = tick.getAndIncrement();
            if (t >= ticks) {
                done.countDown();
                return;
            }
            for (int i = 0; i < n; i++) {
                int pos = (offsets[i] + t * FRAME) % loop.length;
                streams.get(i).feed(Arrays.copyOfRange(loop, pos, pos + FRAME));
                if (t >= WARMUP_S * 50) {
                    maxBacklog[0] = Math.max(maxBacklog[0], streams.get(i).backlogMs());
                }
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        done.await();
        ticker.shutdownNow();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuCores = (os.getProcessCpuTime() - cpu0) / 1e9 / wall;
        long dropped = 0;
        for (PooledRecognitionStream s : streams) {
            dropped += s.droppedFrames();
            s.close();
        }
        return new Result(maxBacklog[0], dropped, finals.get(), cpuCores, os.getSystemLoadAverage());
    }

    /** The IVR sentences at 8 kHz through G.711 µ-law, each followed by one second of silence; frame-aligned. */
    private static short[] speechLoop() {
        List<short[]> parts = new ArrayList<>();
        for (String s : SpokenAudio.sentences("/asr/ivr-sentences.txt")) {
            parts.add(SpokenAudio.telephone(s, false));
            parts.add(SpokenAudio.silence(1000, RATE));
        }
        short[] all = SpokenAudio.concat(parts.toArray(short[][]::new));
        return Arrays.copyOf(all, all.length / FRAME * FRAME);
    }

    private static int[] levels(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
    }

    private static void report(String line) throws IOException {
        System.out.println(line);
        Files.writeString(Path.of("target", "asr-bench.txt"), line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
