package io.switchboard.customer.cdr;

import java.util.Locale;

/** OPEN: the provisional row written at setup; FINAL: written once at the end (or by restart recovery), never changed again. */
public enum CdrState {
    OPEN, FINAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CdrState parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
