package io.switchboard.speech.asr;

/** Creates a stream's engine decoder; called once per stream, on a worker thread (creation may take tens of ms). */
@FunctionalInterface
public interface DecoderFactory {
    StreamDecoder create() throws Exception;
}
