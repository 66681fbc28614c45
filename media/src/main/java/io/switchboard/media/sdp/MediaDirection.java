package io.switchboard.media.sdp;

import java.util.Locale;

/**
 * The direction attribute of a media stream (RFC 3264 §5.1, §6.1; RFC 4566 §6). Used for hold:
 * a phone putting us on hold offers {@code sendonly} and we answer {@code recvonly}.
 */
public enum MediaDirection {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** The attribute name as written in SDP ({@code a=sendrecv}). */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the side holding this direction sends media. */
    public boolean sends() {
        return sends;
    }

    /** True when the side holding this direction receives media. */
    public boolean receives() {
        return receives;
    }

    /**
     * The direction an answerer that is willing to do everything uses for this offered direction
     * (RFC 3264 §6.1): sendonly ↔ recvonly, sendrecv and inactive unchanged.
     */
    public MediaDirection mirror() {
        if (this == SENDONLY) {
            return RECVONLY;
        }
        if (this == RECVONLY) {
            return SENDONLY;
        }
        return this;
    }

    /** The direction for an attribute name, or null when {@code name} is not a direction attribute. */
    public static MediaDirection fromAttribute(String name) {
        for (MediaDirection d : values()) {
            if (d.attribute().equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }
}
