package io.switchboard.customer.cdr;

import java.util.Locale;

/** The furthest a call got: set up (INVITE received), ringing (18x), answered (2xx). Where a failed call stopped. */
public enum CallStage {
    SETUP, RINGING, ANSWERED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallStage parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
