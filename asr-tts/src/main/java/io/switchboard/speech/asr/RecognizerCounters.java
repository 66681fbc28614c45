package io.switchboard.speech.asr;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link RecognizerStats}, shared by a recognizer and its streams. Thread-safe. */
public final class RecognizerCounters {
    final LongAdder streamsOpened = new LongAdder();
    final LongAdder streamsActive = new LongAdder();
    final LongAdder audioDecodedMs = new LongAdder();
    final LongAdder framesDropped = new LongAdder();
    final LongAdder utterances = new LongAdder();

    public RecognizerStats snapshot() {
        return new RecognizerStats(streamsOpened.sum(), streamsActive.sum(), audioDecodedMs.sum(),
                framesDropped.sum(), utterances.sum());
    }
}
