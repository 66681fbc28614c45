package io.switchboard.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start line and header fields of one message as text, before any JAIN-SIP parsing (RFC 3261
 * §7.3.1): folded lines are joined, compact names (§7.3.3) are expanded, values are kept verbatim.
 * The strict checks and the 400 shell work on this view, so they see exactly what the peer sent.
 */
final class RawHead {

    /** One header field: canonical {@code name} (long form), the name as sent, and the raw value. */
    record Field(String name, String sentName, String value) { }

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("i", "Call-ID"), Map.entry("m", "Contact"), Map.entry("e", "Content-Encoding"),
            Map.entry("l", "Content-Length"), Map.entry("c", "Content-Type"), Map.entry("f", "From"),
            Map.entry("s", "Subject"), Map.entry("k", "Supported"), Map.entry("t", "To"), Map.entry("v", "Via"),
            Map.entry("o", "Event"), Map.entry("r", "Refer-To"), Map.entry("u", "Allow-Events"));

    private static final List<String> KNOWN = List.of("Call-ID", "Contact", "Content-Length", "Content-Type",
            "CSeq", "From", "To", "Via", "Max-Forwards", "Expires", "Require", "Proxy-Require", "Accept");

    final String startLine;
    final List<Field> fields;
    /** The first line that is neither a header field nor a continuation, or null. */
    final String badLine;

    private RawHead(String startLine, List<Field> fields, String badLine) {
        this.startLine = startLine;
        this.fields = fields;
        this.badLine = badLine;
    }

    /** Splits the head of {@code message} (up to the first empty line, or the whole text if none). */
    static RawHead of(byte[] message) {
        int end = Framing.headerEnd(message, 0, message.length);
        String head = new String(message, 0, end < 0 ? message.length : end, StandardCharsets.UTF_8);
        List<String> lines = lines(head);
        List<String> joined = new ArrayList<>(lines.size());
        for (String line : lines) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && joined.size() > 1) {
                joined.set(joined.size() - 1, joined.get(joined.size() - 1) + " " + line.strip());
            } else if (continuation && joined.size() == 1) {
                joined.add(":" + line); // a continuation of the start line is not a header field
            } else if (!line.isEmpty()) {
                joined.add(line);
            }
        }
        String start = joined.isEmpty() ? "" : joined.get(0);
        List<Field> fields = new ArrayList<>(joined.size());
        String bad = null;
        for (int i = 1; i < joined.size(); i++) {
            String line = joined.get(i);
            int colon = line.indexOf(':');
            String sent = colon < 0 ? "" : line.substring(0, colon).strip();
            if (colon < 0 || !Lexical.isToken(sent)) {
                bad = bad == null ? line : bad;
                continue;
            }
            fields.add(new Field(canonical(sent), sent, line.substring(colon + 1).strip()));
        }
        return new RawHead(start, List.copyOf(fields), bad);
    }

    /** Splits on LF or CRLF without a regular expression (this runs for every message). */
    private static List<String> lines(String head) {
        List<String> out = new ArrayList<>(24);
        int start = 0;
        int n = head.length();
        for (int i = 0; i < n; i++) {
            if (head.charAt(i) == '\n') {
                int end = i > start && head.charAt(i - 1) == '\r' ? i - 1 : i;
                out.add(head.substring(start, end));
                start = i + 1;
            }
        }
        out.add(head.substring(start));
        return out;
    }

    /** The long form of a header name for the headers this package inspects; others as sent. */
    static String canonical(String name) {
        if (name.length() == 1) {
            String full = COMPACT.get(name.toLowerCase(Locale.ROOT));
            if (full != null) {
                return full;
            }
        }
        for (String known : KNOWN) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return name;
    }

    boolean isResponse() {
        return startLine.regionMatches(true, 0, "SIP/", 0, 4);
    }

    /** Raw values of every field named {@code name} (canonical form), in order. */
    List<String> values(String name) {
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name().equals(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    String first(String name) {
        List<String> v = values(name);
        return v.isEmpty() ? null : v.get(0);
    }
}
