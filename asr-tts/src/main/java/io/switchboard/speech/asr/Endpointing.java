package io.switchboard.speech.asr;

import java.time.Duration;
import java.util.Objects;

/**
 * When an utterance ends and when the caller is taken to have said nothing. All durations are measured
 * in <em>audio time</em> (samples fed), not wall-clock time: a stream fed 20 ms frames by the media tick
 * behaves the same in a test that feeds a file at full speed, and no clock is needed.
 *
 * @param trailingSilence silence after speech that ends the utterance ({@code gather} returns then)
 * @param maxUtterance    an utterance longer than this is ended (and a new one starts if speech goes on)
 * @param noInputTimeout  audio without speech, since the stream opened or the last utterance ended,
 *                        after which {@link RecognitionEvent.NoInput} is emitted (once per wait)
 */
public record Endpointing(Duration trailingSilence, Duration maxUtterance, Duration noInputTimeout) {

    /** 800 ms trailing silence, 15 s utterances at most, 5 s no-input timeout. */
    public static final Endpointing DEFAULT =
            new Endpointing(Duration.ofMillis(800), Duration.ofSeconds(15), Duration.ofSeconds(5));

    public Endpointing {
        requirePositive(trailingSilence, "trailingSilence");
        requirePositive(maxUtterance, "maxUtterance");
        requirePositive(noInputTimeout, "noInputTimeout");
    }

    public Endpointing withTrailingSilence(Duration d) {
        return new Endpointing(d, maxUtterance, noInputTimeout);
    }

    public Endpointing withMaxUtterance(Duration d) {
        return new Endpointing(trailingSilence, d, noInputTimeout);
    }

    public Endpointing withNoInputTimeout(Duration d) {
        return new Endpointing(trailingSilence, maxUtterance, d);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
