package io.switchboard.channels.spi;

import java.util.Locale;

/** The canonical kinds of inbound message every channel maps its own types onto. */
public enum MessageType {
    TEXT, IMAGE, VOICE, EVENT, OTHER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageType parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
