package io.switchboard.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Voice selection by language tag across MaryTTS and espeak-ng. */
class TtsVoicesTest {
    private final Voices voices = Engines.voices();

    @Test
    void englishIsMaryMandarinIsEspeakPinyinOthersEspeak() {
        assertThat(voices.choose("en-US").toString()).isEqualTo("marytts/cmu-slt-hsmm");
        assertThat(voices.choose("en_gb").toString()).isEqualTo("marytts/cmu-slt-hsmm");
        assertThat(voices.choose("zh-CN").toString()).isEqualTo("espeak-ng/cmn-latn-pinyin");
        assertThat(voices.choose("cmn").toString()).isEqualTo("espeak-ng/cmn-latn-pinyin");
        assertThat(voices.choose("fr-FR").toString()).isEqualTo("espeak-ng/fr");
        assertThat(voices.choose("espeak-ng:en-US").toString()).isEqualTo("espeak-ng/en-us");
    }

    @Test
    void routesSynthesisToTheChosenEngine() {
        assertThat(voices.synthesize(SynthesisRequest.of("en-US", "Hello")).sampleRate()).isEqualTo(16000);
        assertThat(voices.synthesize(SynthesisRequest.of("zh-CN", "您好")).sampleRate()).isEqualTo(22050);
        assertThat(voices.synthesize(SynthesisRequest.of("espeak-ng:en-US", "Hello")).sampleRate()).isEqualTo(22050);
    }

    @Test
    void unknownVoiceListsTheAvailableOnes() {
        assertThatThrownBy(() -> voices.synthesize(SynthesisRequest.of("tlh-KL", "Qapla")))
                .isInstanceOfSatisfying(SynthesisException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SynthesisException.Reason.UNKNOWN_VOICE);
                    assertThat(e.getMessage()).startsWith("no voice for \"tlh-KL\"; available: ")
                            .contains("en-US (marytts)").contains("zh-CN (espeak-ng)").contains("fr-fr (espeak-ng)");
                });
        assertThatThrownBy(() -> voices.choose("marytts:zh-CN")).hasMessageStartingWith("no voice for \"marytts:zh-CN\"");
    }
}
