package io.switchboard.speech.tts.text;

import io.switchboard.speech.tts.ssml.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * English words for {@code <say-as>} spans. Ordinary text is left alone: numbers stay as digits for the
 * engine's own expansion (MaryTTS reads 1234 as "one thousand two hundred thirty-four"); only spans
 * marked digits, telephone or characters are spelled out here, so "4008001234" is read digit by digit.
 */
public final class EnglishReading {
    private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    private static final String[] LETTERS = {"ay", "bee", "see", "dee", "ee", "eff", "jee", "aitch", "eye", "jay", "kay",
        "el", "em", "en", "oh", "pee", "cue", "ar", "ess", "tee", "you", "vee", "double you", "ex", "why", "zee"};

    private EnglishReading() {
    }

    /** The words to speak for {@code span}. */
    public static String read(Segment.Spoken span) {
        return switch (span.sayAs()) {
            case NORMAL -> span.text();
            case DIGITS -> digits(span.text());
            case CHARACTERS -> characters(span.text());
            case TELEPHONE -> telephone(span.text());
        };
    }

    /** Digit by digit, groups separated by commas (a short pause). */
    public static String telephone(String number) {
        List<String> groups = new ArrayList<>();
        for (String g : DigitGroups.telephone(number)) {
            groups.add(characters(g));
        }
        return String.join(", ", groups);
    }

    /** Every digit (and letter) by its name; separators such as '-' and spaces are not read. */
    public static String digits(String text) {
        List<String> words = new ArrayList<>();
        for (char c : text.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                words.add(name(c));
            }
        }
        return String.join(" ", words);
    }

    /** Every letter and digit by its name; a few symbols by theirs; anything else skipped. */
    public static String characters(String text) {
        List<String> words = new ArrayList<>();
        for (char c : text.toCharArray()) {
            String w = name(c);
            if (w != null) {
                words.add(w);
            }
        }
        return String.join(" ", words);
    }

    private static String name(char c) {
        if (c >= '0' && c <= '9') {
            return DIGITS[c - '0'];
        }
        char lower = Character.toLowerCase(c);
        if (lower >= 'a' && lower <= 'z') {
            return LETTERS[lower - 'a'];
        }
        return switch (c) {
            case '+' -> "plus";
            case '#' -> "hash";
            case '*' -> "star";
            case '@' -> "at";
            case '.' -> "dot";
            case '-' -> "dash";
            case '/' -> "slash";
            default -> Character.isLetterOrDigit(c) ? String.valueOf(c).toLowerCase(Locale.ROOT) : null;
        };
    }
}
