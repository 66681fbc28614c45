package io.switchboard.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.observers.TestObserver;
import io.switchboard.core.lane.ExecutorLane;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.play.EncodedPrompt;
import io.switchboard.speech.tts.cache.PromptCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The async facade: bounded pool, results delivered on the caller's lane, load shed when full. */
class SynthesisPoolTest {
    @TempDir
    Path dir;

    @Test
    void resultArrivesOnTheLane() throws Exception {
        ExecutorLane lane = new ExecutorLane("test-lane");
        try (SynthesisPool pool = SynthesisPool.forCores(Engines.voices())) {
            AtomicBoolean onLane = new AtomicBoolean();
            TestObserver<Synthesis> seen = pool.synthesize(SynthesisRequest.of("en-US", "Please hold."), lane)
                    .doOnSuccess(s -> onLane.set(lane.inLane()))
                    .test();
            seen.await(60, TimeUnit.SECONDS);
            seen.assertComplete();
            assertThat(seen.values().get(0).rms()).isGreaterThan(300);
            assertThat(onLane).isTrue();
            assertThat(pool.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        } finally {
            lane.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void errorsArriveOnTheLaneToo() throws Exception {
        ExecutorLane lane = new ExecutorLane("test-lane");
        try (SynthesisPool pool = SynthesisPool.forCores(Engines.voices())) {
            AtomicBoolean onLane = new AtomicBoolean();
            TestObserver<Synthesis> seen = pool.synthesize(SynthesisRequest.of("xx-YY", "hello"), lane)
                    .doOnError(e -> onLane.set(lane.inLane()))
                    .test();
            seen.await(10, TimeUnit.SECONDS);
            seen.assertError(e -> e instanceof SynthesisException se && se.reason() == SynthesisException.Reason.UNKNOWN_VOICE);
            assertThat(onLane).isTrue();
        } finally {
            lane.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void fullQueueIsRefusedAtOnceNotQueuedWithoutBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SynthesisPool pool = new SynthesisPool(Engines.espeak(), 1, 1)) {
            TestObserver<Boolean> running = pool.submit(() -> release.await(30, TimeUnit.SECONDS)).test();
            TestObserver<Synthesis> queued = pool.synthesize(SynthesisRequest.of("zh-CN", "您好")).test();
            TestObserver<Synthesis> refused = pool.synthesize(SynthesisRequest.of("zh-CN", "您好")).test();
            refused.assertError(e -> e instanceof SynthesisException se && se.reason() == SynthesisException.Reason.BUSY);
            assertThat(pool.rejected()).isEqualTo(1);
            release.countDown();
            running.await(10, TimeUnit.SECONDS);
            queued.await(30, TimeUnit.SECONDS);
            queued.assertComplete();
        }
    }

    @Test
    void cachedPromptsThroughThePool() throws Exception {
        PromptCache cache = new PromptCache(Engines.voices(), dir, 1 << 20);
        try (SynthesisPool pool = SynthesisPool.forCores(Engines.voices())) {
            SynthesisRequest r = SynthesisRequest.of("zh-CN", "请稍候");
            EncodedPrompt first = cache.get(r, PayloadType.PCMA, pool).blockingGet();
            EncodedPrompt second = cache.get(r, PayloadType.PCMA, pool).blockingGet();
            assertThat(second).isSameAs(first);
            assertThat(cache.stats().syntheses()).isEqualTo(1);
        }
    }
}
