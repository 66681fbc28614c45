package io.switchboard.speech.tts;

import java.util.Locale;

/**
 * What to say and how: text (or SSML when it starts with {@code <speak}), a voice given as a language
 * tag, and a speaking rate.
 *
 * @param text  plain text, or an SSML document whose root is {@code <speak>} (see
 *              {@link io.switchboard.speech.tts.ssml.SsmlParser} for the subset)
 * @param voice a BCP 47 language tag such as {@code en-US} or {@code zh-CN}; {@code engine:tag} (e.g.
 *              {@code espeak-ng:en-US}) picks the engine explicitly
 * @param rate  speaking rate relative to the voice's normal pace: 1.0 normal, 0.5 half speed, 2.0 double
 */
public record SynthesisRequest(String text, String voice, double rate) {
    /** Slowest accepted rate. */
    public static final double MIN_RATE = 0.3;
    /** Fastest accepted rate. */
    public static final double MAX_RATE = 3.0;

    public SynthesisRequest {
        if (text == null || text.isBlank()) {
            throw new SynthesisException(SynthesisException.Reason.EMPTY_TEXT, "nothing to say: the text is empty");
        }
        if (voice == null || voice.isBlank()) {
            throw new SynthesisException(SynthesisException.Reason.UNKNOWN_VOICE,
                    "no voice given: use a language tag such as en-US or zh-CN");
        }
        if (!(rate >= MIN_RATE && rate <= MAX_RATE)) {
            throw new SynthesisException(SynthesisException.Reason.BAD_RATE,
                    "rate " + rate + " is outside " + MIN_RATE + ".." + MAX_RATE + " (1.0 is the normal pace)");
        }
        voice = voice.trim();
    }

    /** Text at the normal rate. */
    public static SynthesisRequest of(String voice, String text) {
        return new SynthesisRequest(text, voice, 1.0);
    }

    /** True when the text is an SSML document rather than plain text. */
    public boolean isSsml() {
        return text.stripLeading().startsWith("<speak");
    }

    /** The language tag without an explicit engine prefix, lower case with '-' separators. */
    public String languageTag() {
        int colon = voice.indexOf(':');
        return normalizeTag(colon >= 0 ? voice.substring(colon + 1) : voice);
    }

    /** The engine named by an {@code engine:tag} voice, or null. */
    public String requestedEngine() {
        int colon = voice.indexOf(':');
        return colon > 0 ? voice.substring(0, colon).trim().toLowerCase(Locale.ROOT) : null;
    }

    /** {@code en_us} / {@code EN-US} → {@code en-us}. */
    public static String normalizeTag(String tag) {
        return tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
