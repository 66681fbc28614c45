package io.switchboard.speech.tts.ssml;

import io.switchboard.speech.tts.SynthesisException;

/** SSML we cannot read, with the line and column where the problem is (1-based, as editors count). */
public final class SsmlSyntaxException extends SynthesisException {
    private final int line;
    private final int column;

    public SsmlSyntaxException(String problem, int line, int column) {
        super(Reason.MALFORMED_SSML, "malformed SSML at line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
