package io.switchboard.media.bridge;

import java.util.Locale;

/** When the bridge listens for DTMF tones in the audio itself (Goertzel), as well as RFC 4733 events. */
public enum InbandDtmf {
    /** Only on a leg that did not negotiate telephone-event (Asterisk's {@code dtmf_mode=auto}). */
    AUTO,
    /** On every leg: costs a decode per packet even when relaying unchanged. */
    ALWAYS,
    /** Never: RFC 4733 only. */
    NEVER;

    /** Parses {@code auto}, {@code always} or {@code never}. */
    public static InbandDtmf parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
