package io.switchboard.media.rtp;

import java.util.Objects;

/**
 * The outcome of decoding a peer's bytes: a value, or a failure with a reason and the byte offset
 * where decoding stopped (STYLE principle 2: bad input is a value, never an exception).
 *
 * @param <T> the decoded type
 */
public final class DecodeResult<T> {
    private final T value;
    private final String reason;
    private final int offset;

    private DecodeResult(T value, String reason, int offset) {
        this.value = value;
        this.reason = reason;
        this.offset = offset;
    }

    /** A successful result. */
    public static <T> DecodeResult<T> success(T value) {
        return new DecodeResult<>(Objects.requireNonNull(value), null, -1);
    }

    /** A failure: {@code reason} is for logs and counters, {@code offset} is where the problem was seen. */
    public static <T> DecodeResult<T> failure(String reason, int offset) {
        return new DecodeResult<>(null, Objects.requireNonNull(reason), offset);
    }

    public boolean isSuccess() {
        return value != null;
    }

    /** The decoded value; only for a success. */
    public T value() {
        if (value == null) {
            throw new IllegalStateException("decoding failed: " + reason);
        }
        return value;
    }

    /** Why decoding failed; null for a success. */
    public String reason() {
        return reason;
    }

    /** The byte offset of the failure; -1 for a success. */
    public int offset() {
        return offset;
    }

    @Override
    public String toString() {
        return isSuccess() ? "success(" + value + ")" : "failure(" + reason + " at " + offset + ")";
    }
}
