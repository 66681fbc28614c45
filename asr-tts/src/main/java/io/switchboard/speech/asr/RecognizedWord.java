package io.switchboard.speech.asr;

import java.util.Objects;

/**
 * One recognised word.
 *
 * @param word       the word as the model spells it (lower case; {@code [unk]} in grammar mode for speech
 *                   outside the grammar)
 * @param confidence the engine's posterior for the word, 0..1
 * @param startMs    start, in milliseconds of stream audio
 * @param endMs      end, in milliseconds of stream audio
 */
public record RecognizedWord(String word, double confidence, long startMs, long endMs) {
    public RecognizedWord {
        Objects.requireNonNull(word, "word");
    }

    /** The same word moved by {@code deltaMs} (from the decoder's timeline to the stream's). */
    public RecognizedWord shifted(long deltaMs) {
        return new RecognizedWord(word, confidence, startMs + deltaMs, endMs + deltaMs);
    }
}
