package io.switchboard.customer.interaction;

import java.util.Locale;

/** What an interaction records; a voice call typically yields a CALL plus IVR, QUEUE, AGENT, RECORDING, TRANSCRIPT. */
public enum InteractionKind {
    CALL, MESSAGE, IVR, QUEUE, AGENT, RECORDING, TRANSCRIPT, NOTE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InteractionKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown interaction kind '" + text + "'; expected call, message, ivr, queue, "
                    + "agent, recording, transcript or note");
        }
    }
}
