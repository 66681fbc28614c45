package io.switchboard.media.sdp;

import io.switchboard.media.codec.PayloadType;
import java.util.ArrayList;
import java.util.List;
import javax.sdp.Attribute;
import javax.sdp.SdpException;

/**
 * Turns an {@code m=} line's format list and its {@code a=rtpmap} attributes into payload types
 * (RFC 4566 §6, RFC 3551 table 4). Formats without an rtpmap are known only if static; unknown
 * dynamic formats and unparsable rtpmaps are skipped, not fatal.
 */
final class OfferedFormats {
    private OfferedFormats() {
    }

    static List<PayloadType> of(List<String> formats, List<Attribute> attrs) throws SdpException {
        List<PayloadType> out = new ArrayList<>();
        for (String f : formats) {
            int number;
            try {
                number = Integer.parseInt(f);
            } catch (NumberFormatException e) {
                continue;
            }
            if (number < 0 || number > 127) {
                continue;
            }
            PayloadType t = fromRtpmap(number, attrs);
            if (t == null) {
                t = PayloadType.staticType(number);
            }
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static PayloadType fromRtpmap(int number, List<Attribute> attrs) throws SdpException {
        for (Attribute a : attrs) {
            if (!"rtpmap".equalsIgnoreCase(a.getName()) || a.getValue() == null) {
                continue;
            }
            String[] parts = a.getValue().trim().split("\\s+", 2);
            if (parts.length != 2 || !parts[0].equals(Integer.toString(number))) {
                continue;
            }
            String[] enc = parts[1].split("/");
            try {
                int rate = enc.length > 1 ? Integer.parseInt(enc[1].trim()) : 8000;
                int channels = enc.length > 2 ? Integer.parseInt(enc[2].trim()) : 1;
                return new PayloadType(number, enc[0].trim(), rate, channels);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** The {@code a=fmtp} parameters for {@code number}, or null. */
    static String fmtp(List<Attribute> attrs, int number) throws SdpException {
        for (Attribute a : attrs) {
            if ("fmtp".equalsIgnoreCase(a.getName()) && a.getValue() != null) {
                String[] parts = a.getValue().trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].equals(Integer.toString(number))) {
                    return parts[1];
                }
            }
        }
        return null;
    }
}
