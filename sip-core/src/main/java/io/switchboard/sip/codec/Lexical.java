package io.switchboard.sip.codec;

import java.util.ArrayList;
import java.util.List;

/** Character classes and quote-aware splitting from the RFC 3261 §25.1 grammar. */
final class Lexical {
    private static final String TOKEN_MARKS = "-.!%*_+`'~";

    private Lexical() {
    }

    /** {@code token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")}. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_MARKS.indexOf(c) >= 0;
    }

    /** True when every {@code "} opening a quoted-string is closed (quoted-pair {@code \x} honoured). */
    static boolean quotesBalanced(String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            }
        }
        return !quoted;
    }

    /**
     * Splits {@code value} at the given separator where it is outside quoted strings and
     * {@code <...>}; an unbalanced quote leaves the rest in the last piece.
     */
    static List<String> split(String value, char sep) {
        List<String> out = new ArrayList<>(2);
        boolean quoted = false;
        boolean angle = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == sep && !angle) {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        out.add(value.substring(start));
        return out;
    }

    static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
