package io.switchboard.sip.codec;

import java.util.Arrays;

/**
 * Replaces each header line fold (CRLF or LF followed by SP/HT) and the whitespace around it with a
 * single SP, as RFC 3261 §7.3.1 requires before a value is interpreted. JAIN-SIP deletes the fold
 * instead, gluing words together ({@code "value\r\n continued"} became {@code "valuecontinued"}).
 * Works on bytes so non-ASCII header values and the body pass through untouched.
 */
final class Unfolding {

    private Unfolding() {
    }

    /** {@code message} with its header section (up to {@code headEnd}) unfolded; the body is copied as is. */
    static byte[] unfold(byte[] message, int headEnd) {
        if (!hasFold(message, headEnd)) {
            return message;
        }
        byte[] out = new byte[message.length];
        int n = 0;
        int i = 0;
        while (i < headEnd) {
            int eol = message[i] == '\r' && i + 1 < headEnd && message[i + 1] == '\n' ? 2 : message[i] == '\n' ? 1 : 0;
            if (eol > 0 && i + eol < headEnd && isWsp(message[i + eol])) {
                while (n > 0 && isWsp(out[n - 1])) {
                    n--;
                }
                out[n++] = ' ';
                i += eol;
                while (i < headEnd && isWsp(message[i])) {
                    i++;
                }
            } else {
                out[n++] = message[i++];
            }
        }
        System.arraycopy(message, headEnd, out, n, message.length - headEnd);
        return Arrays.copyOf(out, n + message.length - headEnd);
    }

    private static boolean hasFold(byte[] message, int headEnd) {
        for (int i = 0; i + 1 < headEnd; i++) {
            if (message[i] == '\n' && isWsp(message[i + 1])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }
}
