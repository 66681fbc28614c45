package io.switchboard.speech.asr;

/**
 * A speech recognition engine: one loaded model shared by many concurrent {@link RecognitionStream}s.
 *
 * <p>Why a factory of streams: loading a model takes seconds and tens of megabytes, a stream costs a
 * decoder state only. One recognizer per model lives for the whole process; each call (or each
 * {@code gather}) opens a stream and closes it. Implementations are thread-safe: any thread, including a
 * call's lane, may open streams; {@link #open} does no decoding and never blocks on the engine (the
 * decoder is created on the recognizer's worker pool).
 */
public interface SpeechRecognizer extends AutoCloseable {

    /**
     * Opens a stream for one audio source.
     *
     * @throws IllegalArgumentException when this engine cannot serve the request (e.g. a grammar for a
     *                                  model without a grammar-capable graph)
     * @throws IllegalStateException    when the recognizer is closed
     */
    RecognitionStream open(RecognitionRequest request);

    /** Counters since start (Prometheus-friendly). */
    RecognizerStats stats();

    /** Stops the worker pool (open streams end with {@link RecognitionEvent.Failed}) and frees the model. */
    @Override
    void close();
}
