package io.switchboard.speech.tts;

import static io.switchboard.speech.tts.Engines.longestSilenceMs;
import static io.switchboard.speech.tts.Engines.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.speech.tts.espeak.EspeakSynthesizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** espeak-ng through JNA: Mandarin via pinyin, other languages, say-as and breaks. */
class EspeakSynthesizerTest {
    private final EspeakSynthesizer espeak = Engines.espeak();

    @Test
    void speaksAt22050HzWithManyVoices() {
        assertThat(espeak.sampleRate()).isEqualTo(22050);
        assertThat(espeak.installedVoices()).hasSizeGreaterThan(50);
        assertThat(espeak.voiceFor("zh-CN")).contains(EspeakSynthesizer.MANDARIN_VOICE);
        assertThat(espeak.voiceFor("cmn")).contains(EspeakSynthesizer.MANDARIN_VOICE);
        assertThat(espeak.voiceFor("fr-FR")).contains("fr");
        assertThat(espeak.voiceFor("de")).contains("de");
        assertThat(espeak.voiceFor("en-US")).contains("en-us");
        assertThat(espeak.voiceFor("xx-YY")).isEmpty();
    }

    @Test
    void mandarinIvrSentencesAreNonSilentAndOfPlausibleLength() {
        List<String> sentences = List.of(
                "您好，欢迎致电客服中心。",
                "查询账单请按一，人工服务请按零。",
                "您的订单已经发货，请注意查收。",
                "对不起，您输入的号码有误，请重新输入。");
        for (String text : sentences) {
            Synthesis s = espeak.synthesize(SynthesisRequest.of("zh-CN", text));
            long hanzi = text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
            // Mandarin is spoken at roughly 3-6 syllables (characters) per second
            assertThat(seconds(s)).as(text).isBetween(hanzi * 0.12, hanzi * 0.4 + 1.0);
            assertThat(s.rms()).as(text).isGreaterThan(300);
        }
    }

    @Test
    void mandarinDigitsAreReadOneByOneAndGrowLinearly() {
        Synthesis three = espeak.synthesize(SynthesisRequest.of("zh-CN",
                "<speak>请拨打<say-as interpret-as=\"digits\">400</say-as></speak>"));
        Synthesis ten = espeak.synthesize(SynthesisRequest.of("zh-CN",
                "<speak>请拨打<say-as interpret-as=\"digits\">4008001234</say-as></speak>"));
        double perDigit = (seconds(ten) - seconds(three)) / 7;
        assertThat(perDigit).isBetween(0.15, 0.6);
        Synthesis phone = espeak.synthesize(SynthesisRequest.of("zh-CN",
                "<speak><say-as interpret-as=\"telephone\">4008001234</say-as></speak>"));
        assertThat(seconds(phone)).isGreaterThan(10 * 0.15);
    }

    @Test
    void breakInsertsTheRequestedSilence() {
        Synthesis s = espeak.synthesize(SynthesisRequest.of("zh-CN",
                "<speak>您好<break time=\"800ms\"/>欢迎致电</speak>"));
        assertThat(longestSilenceMs(s, 200)).isBetween(780.0, 950.0);
    }

    @Test
    void slowerRateTakesLonger() {
        String text = "Please hold while we connect your call to the next available agent.";
        Synthesis normal = espeak.synthesize(new SynthesisRequest(text, "en-US", 1.0));
        Synthesis slow = espeak.synthesize(new SynthesisRequest(text, "en-US", 0.6));
        assertThat(seconds(slow)).isGreaterThan(seconds(normal) * 1.3);
    }

    @Test
    void otherLanguagesSpeak() {
        for (String[] t : new String[][] {{"fr-FR", "Bonjour, merci de votre appel."}, {"de", "Guten Tag, bitte warten Sie."},
            {"es", "Hola, gracias por llamar."}}) {
            Synthesis s = espeak.synthesize(SynthesisRequest.of(t[0], t[1]));
            assertThat(seconds(s)).as(t[0]).isBetween(0.8, 5.0);
            assertThat(s.rms()).as(t[0]).isGreaterThan(300);
        }
    }

    @Test
    void unknownLanguageIsRefused() {
        assertThatThrownBy(() -> espeak.synthesize(SynthesisRequest.of("xx-YY", "hello")))
                .isInstanceOfSatisfying(SynthesisException.class,
                        e -> assertThat(e.reason()).isEqualTo(SynthesisException.Reason.UNKNOWN_VOICE));
    }
}
