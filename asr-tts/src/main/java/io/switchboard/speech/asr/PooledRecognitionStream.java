package io.switchboard.speech.asr;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.Subject;
import io.reactivex.rxjava3.subjects.UnicastSubject;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecognitionStream} for any engine: endpointing on the producer, decoding on a shared pool.
 *
 * <p>The producer runs the {@link UtteranceDetector} (through {@link StreamIntake}) and appends utterance
 * audio and markers to a per-stream queue bounded by {@link RecognitionRequest#maxBacklog()} (in audio). At most one drain task
 * per stream is queued on the pool, so a pool of N threads serves any number of streams, each decoded in
 * order by one thread at a time; a drain handles at most {@value #DRAIN_BUDGET_MS} ms of audio before
 * yielding its thread to the other streams. Overflow drops the frame, counts it, and fails the stream.
 */
public final class PooledRecognitionStream implements RecognitionStream {
    static final int DRAIN_BUDGET_MS = 1000;
    private static final Logger log = LoggerFactory.getLogger(PooledRecognitionStream.class);

    private sealed interface Item permits Audio, End, NoInputAt, Finish {
    }

    private record Audio(short[] pcm, long start) implements Item {
    }

    private record End(long speechStart, long speechEnd) implements Item {
    }

    private record NoInputAt(long at) implements Item {
    }

    private record Finish() implements Item {
    }

    private final RecognitionRequest request;
    private final Executor pool;
    private final Consumer<PooledRecognitionStream> onEnd;
    private final RecognizerCounters counters;
    private final Subject<RecognitionEvent> subject = UnicastSubject.<RecognitionEvent>create().toSerialized();
    private final Observable<RecognitionEvent> events = subject.publish().autoConnect();
    private final Queue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final long maxBacklog;
    private final int frameSamples;
    private final StreamIntake intake;
    private final DecodeWorker worker;
    private boolean finishing;
    private volatile boolean ended;

    /**
     * A stream decoding with decoders from {@code decoders} on {@code pool}; {@code onEnd} is told once
     * when the stream has ended (finished, closed or failed) and released its decoder.
     */
    public PooledRecognitionStream(RecognitionRequest request, DecoderFactory decoders, Executor pool,
                                   RecognizerCounters counters, Consumer<PooledRecognitionStream> onEnd) {
        this.request = request;
        this.onEnd = onEnd;
        this.pool = pool;
        this.counters = counters;
        int rate = request.sampleRate();
        this.maxBacklog = request.maxBacklog().toMillis() * rate / 1000;
        this.frameSamples = rate / 50;
        this.intake = new StreamIntake(rate, request.endpointing(), new Sink());
        this.worker = new DecodeWorker(decoders, rate, subject::onNext, counters);
        counters.streamsOpened.increment();
        counters.streamsActive.increment();
    }

    public RecognitionRequest request() {
        return request;
    }

    @Override
    public void feed(short[] pcm) {
        if (finishing) {
            throw new IllegalStateException("feed() after finish()");
        }
        if (ended || closed.get()) {
            if (failure.get() != null) {
                countDropped(pcm.length);
            }
            return;
        }
        intake.accept(pcm);
    }

    @Override
    public Observable<RecognitionEvent> events() {
        return events;
    }

    @Override
    public void finish() {
        if (finishing) {
            return;
        }
        finishing = true;
        if (!ended) {
            intake.finish();
            enqueue(new Finish());
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            schedule();
        }
    }

    /** Ends the stream with {@code reason} (e.g. the recognizer is shutting down). */
    public void fail(String reason) {
        if (failure.compareAndSet(null, reason)) {
            schedule();
        }
    }

    @Override
    public long droppedFrames() {
        return dropped.get();
    }

    /** Audio the decoder has not caught up with, in milliseconds. */
    public long backlogMs() {
        return backlog.get() * 1000 / request.sampleRate();
    }

    /** The intake's decisions become queue items (and the barge-in event, at once). */
    private final class Sink implements StreamIntake.Sink {
        @Override
        public void speechStarted(long atSample) {
            subject.onNext(new RecognitionEvent.SpeechStarted(atSample * 1000 / request.sampleRate()));
        }

        @Override
        public void audio(short[] pcm, long startSample) {
            offer(pcm, startSample);
        }

        @Override
        public void utteranceEnded(long speechStart, long speechEnd) {
            enqueue(new End(speechStart, speechEnd));
        }

        @Override
        public void noInput(long atSample) {
            enqueue(new NoInputAt(atSample));
        }
    }

    private void offer(short[] pcm, long start) {
        if (failure.get() != null) {
            countDropped(pcm.length);
            return;
        }
        if (backlog.get() + pcm.length > maxBacklog) {
            countDropped(pcm.length);
            fail("decoder backlog over " + request.maxBacklog().toMillis() + " ms: audio dropped at "
                    + start * 1000 / request.sampleRate() + " ms (the recognizer's workers cannot keep up)");
            return;
        }
        backlog.addAndGet(pcm.length);
        enqueue(new Audio(pcm, start));
    }

    private void countDropped(int samples) {
        long frames = (samples + frameSamples - 1) / frameSamples;
        dropped.addAndGet(frames);
        counters.framesDropped.add(frames);
    }

    private void enqueue(Item item) {
        queue.add(item);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                failure.compareAndSet(null, "the recognizer is closed");
                drain();
            }
        }
    }

    private void drain() {
        try {
            drainBatch();
        } catch (Exception | Error e) {
            log.warn("speech decoder failed: {}", e.toString());
            terminate(new RecognitionEvent.Failed("decoder error: " + e));
        } finally {
            scheduled.set(false);
            if (!queue.isEmpty() || closed.get() && !ended || failure.get() != null && !ended) {
                schedule();
            }
        }
    }

    private void drainBatch() throws Exception {
        long budget = (long) DRAIN_BUDGET_MS * request.sampleRate() / 1000;
        while (!ended && budget > 0) {
            if (closed.get()) {
                terminate(null);
                return;
            }
            if (failure.get() != null) {
                terminate(new RecognitionEvent.Failed(failure.get()));
                return;
            }
            Item item = queue.poll();
            if (item == null) {
                return;
            }
            if (item instanceof Audio a) {
                backlog.addAndGet(-a.pcm().length);
                budget -= a.pcm().length;
                worker.audio(a.pcm(), a.start());
            } else if (item instanceof End e) {
                worker.endUtterance(e.speechStart(), e.speechEnd());
            } else if (item instanceof NoInputAt n) {
                subject.onNext(new RecognitionEvent.NoInput(n.at() * 1000 / request.sampleRate()));
            } else {
                terminate(null);
            }
        }
        if (ended) {
            queue.clear();
        }
    }

    /** Emits {@code last} (if any), completes the events and frees the decoder. Runs in a drain. */
    private void terminate(RecognitionEvent last) {
        if (ended) {
            return;
        }
        ended = true;
        queue.clear();
        backlog.set(0);
        if (last != null) {
            subject.onNext(last);
        }
        subject.onComplete();
        worker.close();
        counters.streamsActive.decrement();
        onEnd.accept(this);
    }
}
