package io.switchboard.customer.cdr;

import java.util.Locale;

/** Which side ended the call: the caller (BYE/CANCEL from leg A), the callee (BYE or a rejection from leg B), or the switch. */
public enum EndedBy {
    CALLER, CALLEE, SYSTEM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EndedBy parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
