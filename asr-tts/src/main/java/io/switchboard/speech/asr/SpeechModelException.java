package io.switchboard.speech.asr;

import java.nio.file.Path;

/**
 * A speech model that cannot be used: not found, not a model, or rejected by its engine. The message
 * names the path and what is wrong, for an operator to fix the configuration (STYLE principle 8: start-up
 * fails fast naming what to change).
 */
public final class SpeechModelException extends RuntimeException {
    private final transient Path path;

    public SpeechModelException(Path path, String message) {
        super(message);
        this.path = path;
    }

    public SpeechModelException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The model directory concerned, or {@code null} when none was found at all. */
    public Path path() {
        return path;
    }
}
