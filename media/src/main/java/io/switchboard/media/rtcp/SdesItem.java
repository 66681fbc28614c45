package io.switchboard.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One SDES item (RFC 3550 §6.5): a type and UTF-8 text of at most 255 octets.
 */
public record SdesItem(SdesItemType type, String value) {
    /** The one-octet length field limits the text. */
    public static final int MAX_LENGTH = 255;

    public SdesItem {
        Objects.requireNonNull(type, "type");
        int octets = value.getBytes(StandardCharsets.UTF_8).length;
        if (octets > MAX_LENGTH) {
            throw new IllegalArgumentException("SDES item longer than " + MAX_LENGTH + " octets: " + octets);
        }
    }

    public static SdesItem cname(String cname) {
        return new SdesItem(SdesItemType.CNAME, cname);
    }

    /** Type, length and text octets. */
    int encodedLength() {
        return 2 + value.getBytes(StandardCharsets.UTF_8).length;
    }
}
