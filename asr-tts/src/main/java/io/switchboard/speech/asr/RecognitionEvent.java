package io.switchboard.speech.asr;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link RecognitionStream} reports, in order. Times are milliseconds of audio since the first
 * sample fed to the stream.
 *
 * <p>Per utterance: {@link SpeechStarted} (from the energy detector, before the decoder has seen the
 * audio: the barge-in signal), any number of {@link Partial}s, then exactly one {@link Final} — also
 * when nothing intelligible was said (a cough gives a {@code Final} with empty text). {@link NoInput}
 * when the caller stays silent. {@link Failed} is terminal: the event stream completes after it.
 * A {@code SpeechStarted} of the next utterance may arrive before the {@code Final} of the previous one
 * when the decoder lags behind (barge-in must not wait for decoding).
 */
public sealed interface RecognitionEvent {

    /** Speech began at {@code atMs} (the first window over the energy threshold). */
    record SpeechStarted(long atMs) implements RecognitionEvent {
    }

    /** The decoder's current best guess for the utterance in progress; changes as audio arrives. */
    record Partial(String text) implements RecognitionEvent {
        public Partial {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An utterance ended (trailing silence, maximum length, or {@link RecognitionStream#finish()}).
     *
     * @param text       the words, space-separated, lower case; in grammar mode one of the phrases, or
     *                   {@code [unk]} for speech outside the grammar; empty when nothing was recognised
     * @param confidence the mean of the word confidences, 0..1 (0 when there are no words)
     * @param startMs    the start of the first word (of the detected speech when there are no words)
     * @param endMs      the end of the last word (of the detected speech when there are no words)
     * @param words      each word with its own confidence and timing
     */
    record Final(String text, double confidence, long startMs, long endMs, List<RecognizedWord> words)
            implements RecognitionEvent {
        public Final {
            Objects.requireNonNull(text, "text");
            words = List.copyOf(words);
        }

        /** True when no word was recognised. */
        public boolean isEmpty() {
            return text.isBlank();
        }
    }

    /**
     * No speech within the no-input timeout (once per wait: since the stream opened or the last
     * utterance ended), or a stream finished without any result.
     */
    record NoInput(long atMs) implements RecognitionEvent {
    }

    /** The stream cannot go on (decoder backlog overflow, engine error, recognizer closed). Terminal. */
    record Failed(String reason) implements RecognitionEvent {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
