package io.switchboard.routing.numbering;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Takes the number out of a {@code tel:} URI (RFC 3966) or the user part of a {@code sip:}/{@code sips:}
 * URI (RFC 3261 §19.1.1, {@code user=phone}), optionally in angle brackets, and lexes it; plain text is
 * lexed as is.
 *
 * <p>RFC 3966 §5.1.5: a local number carries a {@code phone-context}. A context of {@code +86} means the
 * digits are dialled inside China ({@code tel:95555;phone-context=+86} is the short code 95555); a
 * context with more digits is the area ({@code tel:88880000;phone-context=+86-10} is 010 8888 0000); a
 * foreign context prefixes its digits; a domain name context leaves the digits national. An extension
 * ({@code ;ext=}, {@code ;isub=}) is refused: it is not part of the number and must not be lost silently.
 */
final class NumberUri {
    private NumberUri() {
    }

    static Dialled parse(String folded) {
        int start = 0;
        int end = folded.length();
        while (start < end && Character.isWhitespace(folded.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(folded.charAt(end - 1))) {
            end--;
        }
        if (end - start > 1 && folded.charAt(start) == '<' && folded.charAt(end - 1) == '>') {
            start++;
            end--;
        }
        String s = folded.substring(start, end);
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tel:")) {
            return subscriber(s.substring(4), start + 4, "tel:");
        }
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            int colon = s.indexOf(':') + 1;
            String scheme = lower.substring(0, colon);
            String rest = s.substring(colon);
            int at = rest.indexOf('@');
            if (at < 0) {
                throw new NumberRejected("a " + scheme + " URI without a user part (number@host) carries no number");
            }
            return subscriber(percentDecode(rest.substring(0, at)), start + colon, scheme);
        }
        return DialText.lex(folded, 0);
    }

    private static Dialled subscriber(String part, int offset, String scheme) {
        int semi = part.indexOf(';');
        String number = semi < 0 ? part : part.substring(0, semi);
        String context = null;
        if (semi >= 0) {
            for (String param : part.substring(semi + 1).split(";")) {
                int eq = param.indexOf('=');
                String name = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
                if (name.equals("phone-context")) {
                    context = eq < 0 ? "" : param.substring(eq + 1);
                } else if (name.equals("ext") || name.equals("isub")) {
                    throw new NumberRejected("the " + scheme + " URI carries an extension (;" + param
                            + "), which is not part of the number");
                }
            }
        }
        if (number.isBlank()) {
            throw new NumberRejected("the " + scheme + " URI has no number");
        }
        Dialled local = DialText.lex(number, offset);
        if (context == null) {
            return local;
        }
        if (local.plus()) {
            throw new NumberRejected("phone-context is only allowed on a local number, not on " + number + " (RFC 3966 §5.1.5)");
        }
        if (!context.startsWith("+")) {
            return local;
        }
        Dialled ctx = DialText.lex(context, offset + semi + ";phone-context=".length());
        String cc = ctx.digits();
        if (cc.isEmpty()) {
            throw new NumberRejected("phone-context " + context + " has no digits");
        }
        if (cc.startsWith("86")) {
            String area = cc.substring(2);
            return new Dialled(false, (area.isEmpty() ? "" : "0" + area) + local.digits());
        }
        return new Dialled(true, cc + local.digits());
    }

    private static String percentDecode(String user) {
        if (user.indexOf('%') < 0) {
            return user;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == '%') {
                int value = i + 2 < user.length() ? hex(user.charAt(i + 1), user.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw new NumberRejected("bad percent-encoding in the URI user part at '" + user.substring(i) + "'");
                }
                bytes.write(value);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return DialText.fold(bytes.toString(StandardCharsets.UTF_8));
    }

    private static int hex(char hi, char lo) {
        int h = Character.digit(hi, 16);
        int l = Character.digit(lo, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
