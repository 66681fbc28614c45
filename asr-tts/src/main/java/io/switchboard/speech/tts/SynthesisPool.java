package io.switchboard.speech.tts;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.switchboard.core.lane.Lane;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs blocking synthesis off the lanes: a fixed pool (as many threads as cores by default) with a bounded
 * queue, results as RxJava {@link Single}s that a lane observes on itself
 * (ARCHITECTURE.md: "blocking work … runs on bounded pools and posts results back to the lane").
 *
 * <p>A full queue fails the {@code Single} at once with {@link SynthesisException.Reason#BUSY} instead of
 * queueing without bound: under overload an IVR should fall back (a recorded prompt, text) rather than
 * answer seconds late. The {@code Single}s are cold: work is queued on subscription, and disposing before
 * it starts removes it.
 */
public final class SynthesisPool implements AutoCloseable {
    private final SpeechSynthesizer synthesizer;
    private final ThreadPoolExecutor executor;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * @param threads worker threads (each MaryTTS worker keeps its own interface)
     * @param queue   requests that may wait for a worker
     */
    public SynthesisPool(SpeechSynthesizer synthesizer, int threads, int queue) {
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException("threads and queue must be at least 1");
        }
        this.synthesizer = synthesizer;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "tts-" + n.getAndIncrement());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A pool with one thread per core and room for 64 waiting requests. */
    public static SynthesisPool forCores(SpeechSynthesizer synthesizer) {
        return new SynthesisPool(synthesizer, Runtime.getRuntime().availableProcessors(), 64);
    }

    /** Synthesizes on the pool; the result arrives on a pool thread. */
    public Single<Synthesis> synthesize(SynthesisRequest request) {
        return submit(() -> synthesizer.synthesize(request));
    }

    /** Synthesizes on the pool; the result (or error) is delivered on {@code lane}. */
    public Single<Synthesis> synthesize(SynthesisRequest request, Lane lane) {
        return synthesize(request).observeOn(on(lane));
    }

    /** Any blocking speech work (e.g. a prompt-cache lookup that may synthesize) on the pool. */
    public <T> Single<T> submit(Callable<T> work) {
        return Single.create(emitter -> {
            Future<?> f;
            try {
                f = executor.submit(() -> {
                    try {
                        T value = work.call();
                        completed.incrementAndGet();
                        emitter.onSuccess(value);
                    } catch (Throwable t) {
                        emitter.tryOnError(t);
                    }
                });
            } catch (RejectedExecutionException e) {
                rejected.incrementAndGet();
                emitter.tryOnError(new SynthesisException(SynthesisException.Reason.BUSY,
                        "speech synthesis is saturated: " + executor.getQueue().size() + " requests waiting"));
                return;
            }
            emitter.setCancellable(() -> f.cancel(false));
        });
    }

    /** An RxJava scheduler that runs on {@code lane} (for {@code observeOn}). */
    public static Scheduler on(Lane lane) {
        return Schedulers.from(lane::execute);
    }

    public int threads() {
        return executor.getCorePoolSize();
    }

    /** Work items finished successfully. */
    public long completed() {
        return completed.get();
    }

    /** Requests refused because the queue was full. */
    public long rejected() {
        return rejected.get();
    }

    /** Stops taking work and waits up to {@code grace} for running work. */
    public void shutdown(Duration grace) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
