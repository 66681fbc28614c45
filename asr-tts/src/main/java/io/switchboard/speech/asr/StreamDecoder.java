package io.switchboard.speech.asr;

import java.util.List;

/**
 * The engine side of a stream: what an ASR engine must do for {@link PooledRecognitionStream}, which
 * supplies the queueing, endpointing, resampling and events common to every engine.
 *
 * <p>Called from one worker at a time (never concurrently), possibly a different pool thread each time.
 * Audio is at the engine's {@link #sampleRate()}. Times are milliseconds of audio handed to this decoder
 * since it was created (the stream maps them to stream time).
 */
public interface StreamDecoder extends AutoCloseable {

    /** The rate this decoder expects. */
    int sampleRate();

    /** Decodes more audio of the current utterance. */
    void accept(short[] pcm);

    /** The best guess for the current utterance so far ({@code ""} when none). */
    String partial();

    /** Ends the current utterance: its words, after which the decoder starts a new one. */
    List<RecognizedWord> endUtterance();

    /** Frees the engine's resources. */
    @Override
    void close();
}
