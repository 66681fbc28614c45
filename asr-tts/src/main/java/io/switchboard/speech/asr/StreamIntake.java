package io.switchboard.speech.asr;

/**
 * The producer side of a {@link PooledRecognitionStream}: runs the {@link UtteranceDetector} on what is
 * fed and coalesces the utterance audio of one {@code feed} call (pre-roll, frames, released pauses)
 * into one piece, so the stream's queue holds one item per call rather than one per 10 ms window.
 * Not thread-safe: the stream's single producer drives it.
 */
final class StreamIntake implements UtteranceDetector.Listener {

    /** Where the decisions go, in stream order. Positions are in samples since the first sample fed. */
    interface Sink {
        void speechStarted(long atSample);

        void audio(short[] pcm, long startSample);

        void utteranceEnded(long speechStart, long speechEnd);

        void noInput(long atSample);
    }

    private final UtteranceDetector detector;
    private final Sink sink;
    private final short[] buffer;
    private int buffered;
    private long bufferStart;

    StreamIntake(int sampleRate, Endpointing endpointing, Sink sink) {
        this.detector = new UtteranceDetector(sampleRate, endpointing, this);
        this.sink = sink;
        this.buffer = new short[sampleRate];
    }

    /** Feeds PCM; the utterance audio it yields reaches the sink before this returns. */
    void accept(short[] pcm) {
        detector.accept(pcm);
        flush();
    }

    /** End of audio (see {@link UtteranceDetector#finish()}). */
    void finish() {
        detector.finish();
        flush();
    }

    @Override
    public void onSpeechStarted(long atSample, short[] preRoll, long preRollStart) {
        sink.speechStarted(atSample);
        onAudio(preRoll, preRollStart);
    }

    @Override
    public void onAudio(short[] pcm, long startSample) {
        if (buffered + pcm.length > buffer.length) {
            flush();
        }
        if (pcm.length > buffer.length) {
            sink.audio(pcm, startSample);
            return;
        }
        if (buffered == 0) {
            bufferStart = startSample;
        }
        System.arraycopy(pcm, 0, buffer, buffered, pcm.length);
        buffered += pcm.length;
    }

    @Override
    public void onUtteranceEnd(long speechStart, long speechEnd, UtteranceDetector.EndReason reason) {
        flush();
        sink.utteranceEnded(speechStart, speechEnd);
    }

    @Override
    public void onNoInput(long atSample) {
        flush();
        sink.noInput(atSample);
    }

    private void flush() {
        if (buffered > 0) {
            short[] pcm = new short[buffered];
            System.arraycopy(buffer, 0, pcm, 0, buffered);
            buffered = 0;
            sink.audio(pcm, bufferStart);
        }
    }
}
