package io.switchboard.ivr.port;

import java.time.Duration;

/**
 * A result from a {@link CallSession}, named by the operation id the engine gave when it asked
 * ({@link Hangup} belongs to the whole call).
 */
public sealed interface SessionEvent {

    /** The operation this result belongs to; 0 for the whole call. */
    long op();

    /** A prompt or a file finished playing (or was sent). */
    record PromptDone(long op) implements SessionEvent {
    }

    /** One key pressed (0-9, *, #, A-D) or typed. */
    record Digit(long op, char digit) implements SessionEvent {
    }

    /** The caller started talking (voice activity): a bargeable prompt stops here. */
    record SpeechStarted(long op) implements SessionEvent {
    }

    /** What the caller said (final recognition) or wrote, with the recogniser's confidence 0..1. */
    record Speech(long op, String text, double confidence) implements SessionEvent {
    }

    /** A queue's agent or a dialled party answered: the call is bridged and the flow is over. */
    record Connected(long op, String party) implements SessionEvent {
    }

    /** A recording ended; {@code uri} says where it is kept. */
    record Recorded(long op, String uri, Duration length) implements SessionEvent {
    }

    /** The operation could not be done (busy, no answer, file missing, TTS down…). */
    record Failed(long op, String reason) implements SessionEvent {
    }

    /** The caller hung up or the conversation closed. */
    record Hangup(String reason) implements SessionEvent {
        @Override
        public long op() {
            return 0;
        }
    }
}
