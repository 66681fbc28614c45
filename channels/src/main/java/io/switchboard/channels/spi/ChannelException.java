package io.switchboard.channels.spi;

/**
 * A peer's mistake, typed so the transport answers precisely (HTTP 401 for {@link Kind#UNAUTHORIZED}, 400 for
 * {@link Kind#MALFORMED}) without logging a stack trace; nothing is stored for a refused request.
 */
public final class ChannelException extends RuntimeException {

    /** Why the input was refused. */
    public enum Kind {
        /** Signature, token or identity hash does not verify. */
        UNAUTHORIZED,
        /** The body cannot be parsed or misses a required field. */
        MALFORMED,
        /** A platform rule (reply window, quota) forbids the operation. */
        LIMITED,
        /** The platform's API refused or failed. */
        PLATFORM
    }

    private final Kind kind;

    public ChannelException(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public ChannelException(Kind kind, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ChannelException unauthorized(String reason) {
        return new ChannelException(Kind.UNAUTHORIZED, reason);
    }

    public static ChannelException malformed(String reason) {
        return new ChannelException(Kind.MALFORMED, reason);
    }
}
