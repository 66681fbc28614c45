package io.switchboard.speech.asr;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.switchboard.core.lane.Lane;

/**
 * One audio source being recognised: PCM in, {@link RecognitionEvent}s out.
 *
 * <p>Threading: {@link #feed} and {@link #finish} are called by one producer (typically the call's lane,
 * once per 20 ms frame) and never block it: the producer only runs the energy detector and queues the
 * audio; decoding happens on the recognizer's bounded worker pool. When the decoder falls further behind
 * than {@link RecognitionRequest#maxBacklog()}, frames are dropped (counted) and the stream ends with
 * {@link RecognitionEvent.Failed}. Events are emitted on a worker thread ({@code SpeechStarted} on the
 * producer's thread); use {@link #events(Lane)} to receive them on a lane. {@link #close} may be called
 * from any thread, any number of times.
 */
public interface RecognitionStream extends AutoCloseable {

    /**
     * Feeds 16-bit mono PCM at the request's sample rate, any length (20 ms frames are typical).
     * Ignored after {@link #close()} or failure (a hang-up racing the media tick is not an error).
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    void feed(short[] pcm);

    /**
     * The events of this stream. Events emitted before the first subscription are buffered and
     * delivered to the first subscriber; later subscribers see the events from their subscription on.
     * Completes after {@link #finish()} (once the last {@code Final} or {@code NoInput} is out), after
     * {@link #close()}, or after {@link RecognitionEvent.Failed}.
     */
    Observable<RecognitionEvent> events();

    /** {@link #events()} delivered on {@code lane}, in order (the lane owns the call that listens). */
    default Observable<RecognitionEvent> events(Lane lane) {
        return events().observeOn(scheduler(lane));
    }

    /**
     * No more audio: the utterance in progress (if any) is decoded to its {@code Final}; a stream that
     * has produced neither a {@code Final} nor a {@code NoInput} (the caller said nothing at all) emits
     * {@code NoInput}; then the events complete and the decoder is released. Idempotent.
     */
    void finish();

    /** Abandons the stream: queued audio is discarded, no further results, the decoder is released. */
    @Override
    void close();

    /** 20 ms frames (equivalent) dropped because the decoder backlog was full. */
    long droppedFrames();

    /** An RxJava scheduler that runs work on {@code lane} (for {@code observeOn}). */
    static Scheduler scheduler(Lane lane) {
        return Schedulers.from(lane::execute);
    }
}
