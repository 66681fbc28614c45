package io.switchboard.speech.tts.ssml;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How to read a span of text (SSML 1.1 §3.1.9 {@code <say-as interpret-as>}; the values follow the W3C
 * "SSML say-as attribute values" note). Only the readings an IVR needs: numbers digit by digit.
 */
public enum SayAs {
    /** Read as written (numbers by the engine's own rules). */
    NORMAL("normal"),
    /** Every digit by its name: 4008001234 → "four zero zero eight …". */
    DIGITS("digits"),
    /** A phone number: digit by digit in groups (400 800 1234), "one" read {@code yao1} in Mandarin. */
    TELEPHONE("telephone"),
    /** Spelled out character by character: "AB12" → "A B one two". */
    CHARACTERS("characters");

    private final String ssmlName;

    SayAs(String ssmlName) {
        this.ssmlName = ssmlName;
    }

    public String ssmlName() {
        return ssmlName;
    }

    /** The value for an {@code interpret-as} attribute, or null when we do not support it. */
    public static SayAs fromSsml(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "digits", "number:digits" -> DIGITS;
            case "telephone", "phone" -> TELEPHONE;
            case "characters", "spell-out", "letters" -> CHARACTERS;
            default -> null;
        };
    }

    /** The accepted attribute values, for error messages. */
    public static String accepted() {
        return Arrays.stream(values()).filter(s -> s != NORMAL).map(SayAs::ssmlName).collect(Collectors.joining(", "));
    }
}
