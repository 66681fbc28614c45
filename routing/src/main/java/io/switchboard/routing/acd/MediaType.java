package io.switchboard.routing.acd;

import java.util.Locale;

/**
 * The kind of work a task is. The engine is media-agnostic: an agent has a capacity per media type
 * (typically one voice call and a few text conversations at once), and a task only needs a free slot of
 * its own media type.
 */
public enum MediaType {
    /** A phone call: one at a time for a human. */
    VOICE,
    /** A text conversation (web chat, WeChat, SMS, e-mail as a "virtual call"). */
    TEXT;

    /** The name operators write in YAML: {@code voice}, {@code text}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an operator's name; throws {@link IllegalArgumentException} saying what was expected. */
    public static MediaType parse(String text) {
        for (MediaType m : values()) {
            if (m.key().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown media type '" + text + "' (expected voice or text)");
    }
}
