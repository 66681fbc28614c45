package io.switchboard.sip.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict checks of the header fields JAIN-SIP accepts too liberally or rejects without saying why
 * (RFC 3261 §7.3, §20, §25.1; RFC 4475 §3.1.2 and §3.3). Each check names the header and the fault so
 * the 400 reason phrase tells the sender what to fix.
 */
final class HeaderCheck {
    /** Header fields that may appear once only (RFC 3261 §7.3.1, RFC 4475 §3.3.8). */
    private static final List<String> SINGLE = List.of("Call-ID", "CSeq", "From", "To", "Max-Forwards", "Content-Type");
    private static final Pattern CSEQ = Pattern.compile("([0-9]+)\\s+(\\S+)");
    /** RFC 3261 §8.1.1.5: the CSeq number MUST be less than 2**31. */
    static final long MAX_CSEQ = 0x7FFFFFFFL;

    private HeaderCheck() {
    }

    /** The first problem found in {@code head}'s header fields, or null. */
    static Problem check(RawHead head) {
        if (head.badLine != null) {
            return Problem.badRequest("Header line without a colon or with an invalid name");
        }
        List<String> repeated = new ArrayList<>(2);
        for (String name : SINGLE) {
            if (head.values(name).size() > 1) {
                repeated.add(name);
            }
        }
        if (!repeated.isEmpty()) {
            return Problem.badRequest("Repeated single-valued header: " + String.join(", ", repeated));
        }
        Problem p = cseq(head.first("CSeq"));
        p = p != null ? p : maxForwards(head.first("Max-Forwards"));
        for (String via : head.values("Via")) {
            p = p != null ? p : params("Via", via);
        }
        p = p != null ? p : nameAddr("From", head.first("From"));
        p = p != null ? p : nameAddr("To", head.first("To"));
        for (String contact : head.values("Contact")) {
            p = p != null || contact.equals("*") ? p : contact(contact);
        }
        return p;
    }

    private static Problem cseq(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = CSEQ.matcher(value);
        if (!m.matches() || !Lexical.isToken(m.group(2))) {
            return Problem.badRequest("Malformed CSeq header");
        }
        String number = withoutLeadingZeros(m.group(1));
        if (number.length() > 10 || Long.parseLong(number) > MAX_CSEQ) {
            return Problem.badRequest("CSeq number out of range (must be below 2^31)");
        }
        return null;
    }

    private static Problem maxForwards(String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Problem.badRequest("Malformed Max-Forwards header");
        }
        String number = withoutLeadingZeros(value);
        if (number.length() > 3 || Integer.parseInt(number) > 255) {
            return Problem.badRequest("Max-Forwards out of range (0-255)");
        }
        return null;
    }

    /** Leading zeros are legal ({@code cseq: 0009}, RFC 4475 §3.1.1.1) and must not count as magnitude. */
    private static String withoutLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** The method named in a CSeq value, or null when the value is malformed. */
    static String cseqMethod(String value) {
        Matcher m = value == null ? null : CSEQ.matcher(value);
        return m != null && m.matches() ? m.group(2) : null;
    }

    /** No empty list element (stray ',') and no empty parameter (stray ';'), RFC 4475 §3.1.2.1. */
    private static Problem params(String header, String value) {
        for (String element : Lexical.split(value, ',')) {
            List<String> parts = Lexical.split(element, ';');
            for (String part : parts) {
                if (part.isBlank()) {
                    return Problem.badRequest("Extraneous ';' or ',' in " + header + " header");
                }
            }
        }
        return null;
    }

    private static Problem contact(String value) {
        Problem p = params("Contact", value);
        for (String element : Lexical.split(value, ',')) {
            p = p != null ? p : nameAddr("Contact", element.strip());
            if (p == null && element.indexOf('<') < 0 && element.indexOf('?') >= 0) {
                p = Problem.badRequest("Contact URI with headers must be enclosed in <>");
            }
        }
        return p;
    }

    /** {@code name-addr / addr-spec} (§20.10, §25.1): quotes closed, display name quoted if not tokens, no LWS in {@code <>}. */
    private static Problem nameAddr(String header, String value) {
        if (value == null) {
            return null;
        }
        if (!Lexical.quotesBalanced(value)) {
            return Problem.badRequest("Unterminated quoted string in " + header + " header");
        }
        int lt = angleStart(value);
        if (lt < 0) {
            return null;
        }
        int gt = value.indexOf('>', lt);
        if (gt < 0) {
            return Problem.badRequest("Missing '>' in " + header + " header");
        }
        String display = value.substring(0, lt).strip();
        if (!display.isEmpty() && !display.startsWith("\"")) {
            for (String word : display.split("[ \t]+")) {
                if (!Lexical.isToken(word)) {
                    return Problem.badRequest("Display name with special characters must be quoted in " + header + " header");
                }
            }
        }
        if (Lexical.hasWhitespace(value.substring(lt + 1, gt))) {
            return Problem.badRequest("Whitespace inside <> in " + header + " header");
        }
        return null;
    }

    /** Index of the {@code <} opening the addr-spec, outside any quoted display name; -1 if none. */
    private static int angleStart(String value) {
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
