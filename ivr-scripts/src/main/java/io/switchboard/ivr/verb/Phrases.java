package io.switchboard.ivr.verb;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Matches what a caller said (or typed) against expected phrases: case, accents and punctuation are
 * ignored; Latin-script phrases must match whole words ("bill" does not match "billing"), phrases in
 * Chinese (no spaces between words) match anywhere in the text.
 */
final class Phrases {
    private Phrases() {
    }

    /** The first of {@code phrases} found in {@code heard}, or null. */
    static String match(String heard, List<String> phrases) {
        String text = " " + normalise(heard) + " ";
        for (String p : phrases) {
            String n = normalise(p);
            if (n.isEmpty()) {
                continue;
            }
            boolean cjk = n.codePoints().anyMatch(Phrases::isCjk);
            if (cjk ? text.contains(n) : text.contains(" " + n + " ")) {
                return p;
            }
        }
        return null;
    }

    /** Lower case, accents removed, punctuation turned into spaces, runs of spaces collapsed. */
    static String normalise(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return d.toLowerCase(Locale.ROOT).replaceAll("[\\p{P}\\p{S}\\s]+", " ").trim();
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
        return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
                || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL;
    }
}
