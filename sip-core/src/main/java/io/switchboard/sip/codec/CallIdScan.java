package io.switchboard.sip.codec;

import java.nio.charset.StandardCharsets;

/**
 * Finds the Call-ID of a message in its raw bytes without parsing it (RFC 3261 §20.8, compact form
 * {@code i}), so the bytes can be handed to the lane that owns the call and parsed there: parsing
 * is then spread over the lanes even when all traffic comes from one peer (a trunk).
 */
public final class CallIdScan {
    private CallIdScan() {
    }

    /** The Call-ID value, or null when none is found in the header section. */
    public static String find(byte[] b, int length) {
        int i = 0;
        while (i < length && b[i] != '\n') {
            i++;
        }
        i++;
        while (i < length) {
            int lineStart = i;
            if (b[i] == '\r' || b[i] == '\n') {
                return null; // end of the header section
            }
            int nameEnd = i;
            while (nameEnd < length && b[nameEnd] != ':' && b[nameEnd] != '\n') {
                nameEnd++;
            }
            if (nameEnd < length && b[nameEnd] == ':' && isCallId(b, lineStart, nameEnd)) {
                int v = nameEnd + 1;
                while (v < length && (b[v] == ' ' || b[v] == '\t')) {
                    v++;
                }
                int end = v;
                while (end < length && b[end] != '\r' && b[end] != '\n') {
                    end++;
                }
                while (end > v && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
                    end--;
                }
                return end > v ? new String(b, v, end - v, StandardCharsets.UTF_8) : null;
            }
            i = nameEnd;
            while (i < length && b[i] != '\n') {
                i++;
            }
            i++;
        }
        return null;
    }

    private static boolean isCallId(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        int n = to - from;
        if (n == 1) {
            return b[from] == 'i' || b[from] == 'I';
        }
        if (n != 7) {
            return false;
        }
        String name = new String(b, from, n, StandardCharsets.US_ASCII);
        return name.equalsIgnoreCase("Call-ID");
    }
}
