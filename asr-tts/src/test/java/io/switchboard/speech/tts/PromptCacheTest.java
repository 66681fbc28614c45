package io.switchboard.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.play.EncodedPrompt;
import io.switchboard.speech.tts.cache.PromptCache;
import io.switchboard.speech.tts.cache.PromptCacheStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthesized prompts cached in memory and on disk, with the real engines. */
class PromptCacheTest {
    private static final long MB = 1 << 20;
    private final Voices voices = Engines.voices();
    @TempDir
    Path dir;

    @Test
    void repeatedRequestsSynthesizeOnce() {
        PromptCache cache = new PromptCache(voices, dir, 8 * MB);
        SynthesisRequest r = SynthesisRequest.of("en-US", "Welcome to Switchboard.");
        EncodedPrompt first = cache.get(r, PayloadType.PCMU);
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get(r, PayloadType.PCMU)).isSameAs(first);
        }
        PromptCacheStats s = cache.stats();
        assertThat(s.syntheses()).isEqualTo(1);
        assertThat(s.hits()).isEqualTo(100);
        assertThat(s.misses()).isEqualTo(1);
        assertThat(first.codec()).isEqualTo("PCMU/8000");
        assertThat(first.bytes()).isEqualTo(first.size() * 160L);
    }

    @Test
    void anotherCodecReencodesWithoutSynthesizing() {
        PromptCache cache = new PromptCache(voices, dir, 8 * MB);
        SynthesisRequest r = SynthesisRequest.of("zh-CN", "您好，欢迎致电客服中心。");
        EncodedPrompt pcmu = cache.get(r, PayloadType.PCMU);
        EncodedPrompt pcma = cache.get(r, PayloadType.PCMA);
        assertThat(pcma.size()).isEqualTo(pcmu.size());
        assertThat(pcma.codec()).isEqualTo("PCMA/8000");
        assertThat(cache.stats().syntheses()).isEqualTo(1);
        assertThat(cache.stats().diskLoads()).isEqualTo(1);
    }

    @Test
    void keyIncludesVoiceTextAndRate() {
        PromptCache cache = new PromptCache(voices, dir, 8 * MB);
        cache.get(SynthesisRequest.of("en-US", "Goodbye."), PayloadType.PCMU);
        cache.get(SynthesisRequest.of("espeak-ng:en-US", "Goodbye."), PayloadType.PCMU);
        cache.get(new SynthesisRequest("Goodbye.", "en-US", 0.8), PayloadType.PCMU);
        cache.get(SynthesisRequest.of("en-US", "Goodbye!"), PayloadType.PCMU);
        assertThat(cache.stats().syntheses()).isEqualTo(4);
    }

    @Test
    void concurrentRequestsForOnePromptSynthesizeOnce() throws Exception {
        PromptCache cache = new PromptCache(voices, dir, 8 * MB);
        SynthesisRequest r = SynthesisRequest.of("en-US", "All of our agents are busy, please stay on the line.");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<EncodedPrompt>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return cache.get(r, PayloadType.PCMU);
                }));
            }
            go.countDown();
            int frames = results.get(0).get().size();
            for (Future<EncodedPrompt> f : results) {
                assertThat(f.get().size()).isEqualTo(frames);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.stats().syntheses()).isEqualTo(1);
    }

    @Test
    void survivesARestartFromDisk() throws Exception {
        List<SynthesisRequest> script = List.of(
                SynthesisRequest.of("en-US", "For billing, press one."),
                SynthesisRequest.of("en-US", "<speak>Call <say-as interpret-as=\"telephone\">4008001234</say-as></speak>"),
                SynthesisRequest.of("zh-CN", "人工服务请按零。"));
        PromptCache before = new PromptCache(voices, dir, 8 * MB);
        assertThat(before.prerender(script, PayloadType.PCMU)).isEqualTo(3);
        assertThat(before.prerender(script, PayloadType.PCMU)).isZero();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".prompt")).count()).isEqualTo(3);
        }

        PromptCache after = new PromptCache(voices, dir, 8 * MB);
        for (SynthesisRequest r : script) {
            EncodedPrompt restored = after.get(r, PayloadType.PCMU);
            EncodedPrompt original = before.get(r, PayloadType.PCMU);
            assertThat(restored.size()).isEqualTo(original.size());
            for (int i = 0; i < restored.size(); i++) {
                assertThat(restored.payload(i)).isEqualTo(original.payload(i));
            }
        }
        assertThat(after.stats().syntheses()).isZero();
        assertThat(after.stats().diskLoads()).isEqualTo(3);
    }

    @Test
    void corruptDiskEntryIsSynthesizedAgain() throws Exception {
        SynthesisRequest r = SynthesisRequest.of("zh-CN", "再见");
        new PromptCache(voices, dir, 8 * MB).get(r, PayloadType.PCMU);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".prompt")).toList()) {
                Files.write(p, new byte[] {1, 2, 3});
            }
        }
        PromptCache after = new PromptCache(voices, dir, 8 * MB);
        assertThat(after.get(r, PayloadType.PCMU).size()).isPositive();
        assertThat(after.stats().syntheses()).isEqualTo(1);
    }

    @Test
    void memoryIsBoundedLeastRecentlyUsedFirst() {
        SynthesisRequest a = SynthesisRequest.of("zh-CN", "一");
        SynthesisRequest b = SynthesisRequest.of("zh-CN", "二");
        SynthesisRequest c = SynthesisRequest.of("zh-CN", "三");
        PromptCache probe = new PromptCache(voices, dir, 8 * MB);
        long largest = Stream.of(a, b, c).mapToLong(r -> probe.get(r, PayloadType.PCMU).bytes()).max().orElseThrow();
        PromptCache cache = new PromptCache(voices, dir, 2 * largest + largest / 2);
        cache.get(a, PayloadType.PCMU);
        cache.get(b, PayloadType.PCMU);
        cache.get(a, PayloadType.PCMU);
        cache.get(c, PayloadType.PCMU);
        PromptCacheStats s = cache.stats();
        assertThat(s.evictions()).isEqualTo(1);
        assertThat(s.entries()).isEqualTo(2);
        assertThat(s.bytes()).isLessThanOrEqualTo(2 * largest + largest / 2);
        cache.get(a, PayloadType.PCMU);
        assertThat(cache.stats().hits()).isEqualTo(2);
        assertThat(cache.stats().syntheses()).isZero();
    }
}
