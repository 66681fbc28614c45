package io.switchboard.media.rtcp;

/**
 * The SDES item types of RFC 3550 §6.5 (registry in §12.2). Only CNAME is mandatory (§6.5.1); items of
 * other types that a peer sends are kept, items of unknown types are skipped by the decoder.
 */
public enum SdesItemType {
    /** Canonical end-point identifier, §6.5.1; we send an RFC 7022 random one per session. */
    CNAME(1),
    /** User name, §6.5.2. */
    NAME(2),
    /** Electronic mail address, §6.5.3. */
    EMAIL(3),
    /** Phone number, §6.5.4. */
    PHONE(4),
    /** Geographic user location, §6.5.5. */
    LOC(5),
    /** Application or tool name, §6.5.6. */
    TOOL(6),
    /** Notice/status, §6.5.7. */
    NOTE(7),
    /** Private extensions, §6.5.8 (kept as one string: prefix length, prefix and value). */
    PRIV(8);

    private final int code;

    SdesItemType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this code, or null when unknown (0 is the end-of-list marker, not an item). */
    public static SdesItemType of(int code) {
        return code >= 1 && code <= 8 ? values()[code - 1] : null;
    }
}
