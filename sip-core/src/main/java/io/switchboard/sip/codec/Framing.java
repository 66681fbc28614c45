package io.switchboard.sip.codec;

import java.nio.charset.StandardCharsets;

/**
 * Finds where a SIP message's header section ends and how long its body is (RFC 3261 §7.5, §18.3,
 * §20.14), shared by the datagram and the stream decoder. Content-Length is read here, not by the
 * message parser, so a negative, non-numeric, overlarge or conflicting value never reaches a counter.
 */
public final class Framing {
    /** Result of scanning one message's head. */
    public sealed interface Scan permits Complete, NeedMore, Invalid { }

    /** The head ends before {@code bodyStart}; {@code contentLength} is -1 when the header is absent. */
    public record Complete(int bodyStart, int contentLength) implements Scan { }

    /** The header section has not ended yet. */
    public record NeedMore() implements Scan { }

    /** The framing is broken; {@code reason} is suitable for a 400 reason phrase. */
    public record Invalid(String reason, int bodyStart) implements Scan { }

    private static final NeedMore NEED_MORE = new NeedMore();

    private Framing() {
    }

    /** Scans {@code buf[from, to)} for a full header section ending in an empty line. */
    public static Scan scan(byte[] buf, int from, int to, int maxHeaderBytes) {
        int end = headerEnd(buf, from, to);
        if (end < 0) {
            return (to - from) > maxHeaderBytes ? new Invalid("Header section too large", to) : NEED_MORE;
        }
        if (end - from > maxHeaderBytes) {
            return new Invalid("Header section too large", end);
        }
        int contentLength = -1;
        int lineStart = from;
        // skip the start line
        while (lineStart < end && buf[lineStart] != '\n') {
            lineStart++;
        }
        lineStart++;
        while (lineStart < end) {
            int lineEnd = lineStart;
            while (lineEnd < end && buf[lineEnd] != '\n') {
                lineEnd++;
            }
            int colon = indexOf(buf, lineStart, lineEnd, (byte) ':');
            if (colon > 0 && buf[lineStart] != ' ' && buf[lineStart] != '\t') {
                String name = new String(buf, lineStart, colon - lineStart, StandardCharsets.ISO_8859_1).trim();
                if (name.equalsIgnoreCase("Content-Length") || name.equals("l") || name.equals("L")) {
                    String value = new String(buf, colon + 1, lineEnd - colon - 1, StandardCharsets.ISO_8859_1).trim();
                    int v = parseLength(value);
                    if (v < 0) {
                        return new Invalid(lengthProblem(value), end);
                    }
                    if (contentLength >= 0 && contentLength != v) {
                        return new Invalid("Conflicting Content-Length values", end);
                    }
                    contentLength = v;
                }
            }
            lineStart = lineEnd + 1;
        }
        return new Complete(end, contentLength);
    }

    /** Index just after the CRLFCRLF (or LFLF) ending the header section, or -1. */
    public static int headerEnd(byte[] buf, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (buf[i] == '\n') {
                if (buf[i + 1] == '\n') {
                    return i + 2;
                }
                if (buf[i + 1] == '\r' && i + 2 < to && buf[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The 400 reason for a Content-Length value {@link #parseLength} refused (RFC 4475 §3.1.2.3). */
    static String lengthProblem(String value) {
        if (value.startsWith("-")) {
            return "Negative Content-Length";
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "Content-Length is not a number";
        }
        return "Content-Length too large";
    }

    /** Parses a Content-Length value; -1 when it is not a non-negative number that fits in an int. */
    static int parseLength(String value) {
        if (value.isEmpty() || value.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
