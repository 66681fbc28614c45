package io.switchboard.speech.tts.espeak;

import java.util.List;

/**
 * One installed espeak-ng voice.
 *
 * @param identifier the voice file, e.g. {@code sit/cmn-Latn-pinyin}; what {@code espeak_SetVoiceByName} loads
 * @param name       the display name, e.g. {@code Chinese_(Mandarin,_latin_as_Pinyin)}
 * @param languages  language tags in the voice's order of preference, lower case, e.g. {@code [zh-cmn, zh]}
 */
public record EspeakVoice(String identifier, String name, List<String> languages) {

    /** The voice's short name as given to {@code espeak-ng -v}: the file name, lower case. */
    public String shortName() {
        return identifier.substring(identifier.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
