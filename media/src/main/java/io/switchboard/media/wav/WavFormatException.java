package io.switchboard.media.wav;

import java.io.IOException;

/**
 * A file that is not a WAV file we can read, with the reason and the byte offset where reading
 * stopped (STYLE principle 2): an operator who uploads an MP3 renamed to {@code .wav} learns that,
 * instead of hearing silence.
 */
public final class WavFormatException extends IOException {
    private final String reason;
    private final long offset;

    public WavFormatException(String reason, long offset) {
        super(reason + " (at byte " + offset + ")");
        this.reason = reason;
        this.offset = offset;
    }

    /** What is wrong, without the offset. */
    public String reason() {
        return reason;
    }

    /** The byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }

    /** The same problem, with the file it was found in named in front of the reason. */
    public WavFormatException in(Object file) {
        return new WavFormatException(file + ": " + reason, offset);
    }
}
