package io.switchboard.customer.interaction;

import java.util.Locale;

/** Who started it: the customer (inbound), us (outbound), or neither (internal, e.g. a note or a transfer). */
public enum Direction {
    INBOUND, OUTBOUND, INTERNAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown direction '" + text + "'; expected inbound, outbound or internal");
        }
    }
}
