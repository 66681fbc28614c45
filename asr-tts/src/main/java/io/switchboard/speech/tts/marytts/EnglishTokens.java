package io.switchboard.speech.tts.marytts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits English text into tokens the way MaryTTS's later modules expect them: words, numbers and
 * punctuation marks as separate tokens. Anything inside a whitespace-separated chunk stays together
 * ({@code 9:30}, {@code $5.50}, {@code 400-800-1234}, {@code don't}, {@code U.S.}) so MaryTTS's own
 * preprocessing expands it; only punctuation at the edges of a chunk is split off, except the period of a
 * known abbreviation or initialism.
 */
final class EnglishTokens {
    private static final Set<String> ABBREVIATIONS = Set.of("mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "vs.",
            "etc.", "e.g.", "i.e.", "a.m.", "p.m.", "no.", "approx.", "dept.", "inc.", "ltd.", "co.");
    private static final String LEADING = "([{\"'“‘«";
    private static final String TRAILING = ".,;:!?)]}\"'”’»…";

    private EnglishTokens() {
    }

    /** The tokens of {@code text}, in order. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String chunk : text.trim().split("\\s+")) {
            if (!chunk.isEmpty()) {
                splitChunk(chunk, out);
            }
        }
        return out;
    }

    /** True for tokens after which a sentence ends. */
    static boolean endsSentence(String token) {
        return token.equals(".") || token.equals("!") || token.equals("?") || token.equals("…");
    }

    private static void splitChunk(String chunk, List<String> out) {
        int start = 0;
        int end = chunk.length();
        while (start < end && LEADING.indexOf(chunk.charAt(start)) >= 0) {
            out.add(String.valueOf(chunk.charAt(start)));
            start++;
        }
        List<String> trailing = new ArrayList<>();
        while (end > start && TRAILING.indexOf(chunk.charAt(end - 1)) >= 0) {
            String core = chunk.substring(start, end);
            if (chunk.charAt(end - 1) == '.' && keepsPeriod(core)) {
                break;
            }
            trailing.add(0, String.valueOf(chunk.charAt(end - 1)));
            end--;
        }
        if (end > start) {
            out.add(chunk.substring(start, end));
        }
        out.addAll(trailing);
    }

    /** {@code Dr.}, {@code e.g.}, {@code U.S.}: the final period belongs to the word. */
    private static boolean keepsPeriod(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(w)) {
            return true;
        }
        return w.length() >= 4 && w.matches("(\\p{L}\\.){2,}");
    }
}
