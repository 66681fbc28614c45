package io.switchboard.sip.codec;

import java.util.Set;

/** The SIP methods this switch implements (RFC 3261 §27.4 and extensions); others get 501. */
public final class KnownMethods {
    public static final Set<String> METHODS = Set.of(
            "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "UPDATE", "INFO", "PRACK",
            "MESSAGE", "NOTIFY", "SUBSCRIBE", "REFER", "PUBLISH");

    /** The Allow header value we advertise (RFC 3261 §20.5). */
    public static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, UPDATE, INFO, MESSAGE, NOTIFY";

    private KnownMethods() {
    }

    public static boolean isKnown(String method) {
        return METHODS.contains(method);
    }
}
