package io.switchboard.ivr.expr;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSML subset a {@code say} may use (W3C SSML 1.1): {@code speak}, {@code break}, {@code say-as},
 * {@code emphasis}, {@code prosody}, {@code p}, {@code s}, {@code sub}, {@code lang}. Text sessions and
 * transcripts get the words without the markup.
 */
public final class Ssml {
    /** The elements a prompt may use. */
    public static final Set<String> ELEMENTS = Set.of("speak", "break", "say-as", "emphasis", "prosody", "p", "s",
            "sub", "lang");
    private static final Pattern TAG = Pattern.compile("<\\s*(/?)\\s*([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>");
    private static final Pattern SUB = Pattern.compile("<sub\\s+alias\\s*=\\s*\"([^\"]*)\"[^>]*>.*?</sub>",
            Pattern.DOTALL);

    private Ssml() {
    }

    /** True when {@code text} is SSML (starts with {@code <speak}). */
    public static boolean isSsml(String text) {
        return text.stripLeading().startsWith("<speak");
    }

    /** The first element outside the subset, or an unbalanced one, described for an admin; null when fine. */
    public static String check(String text) {
        Matcher m = TAG.matcher(text);
        java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
        while (m.find()) {
            String name = m.group(2);
            if (!ELEMENTS.contains(name)) {
                return "<" + name + "> is not supported in spoken text (use " + String.join(", ",
                        new java.util.TreeSet<>(ELEMENTS)) + ")";
            }
            boolean closing = !m.group(1).isEmpty();
            boolean selfClosing = !m.group(3).isEmpty();
            if (closing) {
                if (open.isEmpty() || !open.peek().equals(name)) {
                    return "</" + name + "> closes an element that is not open";
                }
                open.pop();
            } else if (!selfClosing) {
                open.push(name);
            }
        }
        return open.isEmpty() ? null : "<" + open.peek() + "> is never closed";
    }

    /** The words of an SSML text (sub aliases spoken, breaks as spaces, entities decoded). */
    public static String toPlainText(String text) {
        if (!isSsml(text)) {
            return text;
        }
        String s = SUB.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        s = TAG.matcher(s).replaceAll(" ");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
        return s.replaceAll("\\s+", " ").trim();
    }

    /** {@code value} safe to put inside SSML. */
    public static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
