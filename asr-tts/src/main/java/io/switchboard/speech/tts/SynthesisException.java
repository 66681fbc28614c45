package io.switchboard.speech.tts;

/**
 * Why a synthesis could not be done. Bad input (empty text, an unknown voice, malformed SSML, a rate out
 * of range) is the caller's mistake and says exactly what to change; engine failures name the engine.
 */
public class SynthesisException extends RuntimeException {
    private final Reason reason;

    /** The kinds of failure, so callers (the CLI, the IVR) can react without parsing messages. */
    public enum Reason {
        EMPTY_TEXT,
        UNKNOWN_VOICE,
        MALFORMED_SSML,
        BAD_RATE,
        /** The engine is not installed (e.g. libespeak-ng missing) or failed to start. */
        ENGINE_UNAVAILABLE,
        /** The engine failed on this input. */
        ENGINE_FAILURE,
        /** The synthesis pool's queue is full: shed load instead of queueing without bound. */
        BUSY
    }

    public SynthesisException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SynthesisException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** True for mistakes in the request rather than in the engine. */
    public boolean isBadInput() {
        return reason == Reason.EMPTY_TEXT || reason == Reason.UNKNOWN_VOICE || reason == Reason.MALFORMED_SSML
                || reason == Reason.BAD_RATE;
    }
}
