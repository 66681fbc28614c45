package io.switchboard.sip.transport;

import java.util.Locale;

/** SIP transports (RFC 3261 §18); the Via and URI spelling is {@link #token()}. */
public enum Transport {
    UDP(false), TCP(true);

    private final boolean reliable;

    Transport(boolean reliable) {
        this.reliable = reliable;
    }

    /** Reliable transports need no retransmissions (RFC 3261 §17.1.1.2, §17.1.2.2). */
    public boolean reliable() {
        return reliable;
    }

    public String token() {
        return name();
    }

    /** From a Via transport or a {@code transport=} URI parameter; null when unknown to us. */
    public static Transport fromToken(String token) {
        if (token == null) {
            return null;
        }
        return switch (token.toUpperCase(Locale.ROOT)) {
            case "UDP" -> UDP;
            case "TCP" -> TCP;
            default -> null;
        };
    }
}
