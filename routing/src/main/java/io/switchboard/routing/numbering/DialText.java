package io.switchboard.routing.numbering;

/**
 * Reduces written number text to a {@link Dialled}: folds full-width forms (０-９, ＋, （）, －, the
 * ideographic space) as typed by Chinese input methods, drops the visual separators of RFC 3966
 * §5.1.1 ({@code - . ( )}) plus spaces and {@code /}, and rejects anything else with its position.
 *
 * <p>The notation {@code +86 (0)10 8888 0000}, where "(0)" shows the trunk prefix dialled only inside
 * the country, is understood: the bracketed 0 after an international prefix is dropped.
 */
final class DialText {
    /** Longer text is not a number; refusing it early keeps messages short. */
    static final int MAX_LENGTH = 256;

    private DialText() {
    }

    /** Maps full-width and typographic variants to ASCII one character for one, keeping positions. */
    static String fold(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000' || c == '\u00A0') {
                c = ' ';
            } else if ((c >= '\u2010' && c <= '\u2015') || c == '\u2212') {
                c = '-';
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Lexes {@code text} (already folded); {@code offset} is where it starts in the operator's input,
     * so positions in messages are 1-based positions in what the operator typed.
     */
    static Dialled lex(String text, int offset) {
        StringBuilder digits = new StringBuilder();
        boolean plus = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int position = offset + i + 1;
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+') {
                if (plus) {
                    throw new NumberRejected("more than one '+' (the second at position " + position + ")");
                }
                if (digits.length() > 0) {
                    throw new NumberRejected("'+' must come before the digits (position " + position + ")");
                }
                plus = true;
            } else if (c == '(' && text.startsWith("(0)", i) && internationalSoFar(plus, digits)) {
                i += 2;
            } else if (isSeparator(c)) {
                continue;
            } else if (Character.isLetter(c)) {
                throw new NumberRejected("letters are not allowed in a number (" + c + " at position " + position + ")");
            } else {
                throw new NumberRejected("unexpected character '" + c + "' at position " + position);
            }
        }
        return new Dialled(plus, digits.toString());
    }

    private static boolean internationalSoFar(boolean plus, StringBuilder digits) {
        return (plus && digits.length() > 0) || (digits.length() > 2 && digits.charAt(0) == '0' && digits.charAt(1) == '0');
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }
}
