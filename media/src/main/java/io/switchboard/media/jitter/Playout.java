package io.switchboard.media.jitter;

import java.util.Objects;

/**
 * What the jitter buffer gives for one 20 ms tick.
 *
 * @param kind    what happened
 * @param payload the RTP payload to decode when {@code kind} is {@link Kind#FRAME}, else null; it is the
 *                array given to {@link JitterBuffer#push}, not a copy
 */
public record Playout(Kind kind, byte[] payload) {
    private static final Playout LOSS = new Playout(Kind.LOSS, null);
    private static final Playout FILLING = new Playout(Kind.FILLING, null);

    /** The outcome of a tick. */
    public enum Kind {
        /** The next frame: decode {@link #payload()}. */
        FRAME,
        /** No frame for this tick (lost, late, or the buffer is deepening): conceal or play silence. */
        LOSS,
        /** Nothing has played yet and the buffer is still filling to its target: play silence. */
        FILLING
    }

    public Playout {
        Objects.requireNonNull(kind);
        if ((kind == Kind.FRAME) != (payload != null)) {
            throw new IllegalArgumentException("a payload comes with FRAME and only with FRAME");
        }
    }

    static Playout frame(byte[] payload) {
        return new Playout(Kind.FRAME, payload);
    }

    static Playout loss() {
        return LOSS;
    }

    static Playout filling() {
        return FILLING;
    }
}
