package io.switchboard.speech.tts.ssml;

import java.time.Duration;

/** One piece of a {@link Speech}: words to speak, or a pause of exact length. */
public sealed interface Segment permits Segment.Spoken, Segment.Pause {

    /**
     * Words to speak.
     *
     * @param text  the words, whitespace collapsed
     * @param sayAs how to read them
     * @param rate  relative speaking rate from {@code <prosody rate>} (1.0 when none)
     */
    record Spoken(String text, SayAs sayAs, double rate) implements Segment {
    }

    /** Silence from {@code <break>}. */
    record Pause(Duration duration) implements Segment {
    }
}
