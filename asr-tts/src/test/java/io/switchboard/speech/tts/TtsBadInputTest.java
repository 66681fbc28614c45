package io.switchboard.speech.tts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.speech.tts.SynthesisException.Reason;
import io.switchboard.speech.tts.ssml.SsmlSyntaxException;
import org.junit.jupiter.api.Test;

/** Bad requests fail with a reason and a message saying what to change, through the real engines. */
class TtsBadInputTest {
    private final Voices voices = Engines.voices();

    @Test
    void emptyText() {
        assertThatThrownBy(() -> SynthesisRequest.of("en-US", "  "))
                .isInstanceOfSatisfying(SynthesisException.class, e -> reason(e, Reason.EMPTY_TEXT))
                .hasMessage("nothing to say: the text is empty");
        assertThatThrownBy(() -> voices.synthesize(SynthesisRequest.of("en-US", "<speak> </speak>")))
                .isInstanceOfSatisfying(SynthesisException.class, e -> reason(e, Reason.EMPTY_TEXT));
        assertThatThrownBy(() -> voices.synthesize(SynthesisRequest.of("zh-CN", "<speak><say-as interpret-as=\"digits\">-</say-as></speak>")))
                .isInstanceOfSatisfying(SynthesisException.class, e -> reason(e, Reason.EMPTY_TEXT));
    }

    @Test
    void unknownOrMissingVoice() {
        assertThatThrownBy(() -> voices.synthesize(SynthesisRequest.of("xx-YY", "hello")))
                .isInstanceOfSatisfying(SynthesisException.class, e -> reason(e, Reason.UNKNOWN_VOICE))
                .hasMessageContaining("available: ");
        assertThatThrownBy(() -> SynthesisRequest.of("", "hello"))
                .hasMessage("no voice given: use a language tag such as en-US or zh-CN");
    }

    @Test
    void malformedSsmlThroughEachEngine() {
        for (String voice : new String[] {"en-US", "zh-CN"}) {
            assertThatThrownBy(() -> voices.synthesize(SynthesisRequest.of(voice, "<speak>Hello <break time=\"1s\"></speak>")))
                    .isInstanceOfSatisfying(SsmlSyntaxException.class, e -> reason(e, Reason.MALFORMED_SSML))
                    .hasMessageStartingWith("malformed SSML at line 1, column ");
        }
    }

    @Test
    void rateOutOfRange() {
        assertThatThrownBy(() -> new SynthesisRequest("hello", "en-US", 10))
                .isInstanceOfSatisfying(SynthesisException.class, e -> reason(e, Reason.BAD_RATE))
                .hasMessageContaining("outside 0.3..3.0");
    }

    private static void reason(SynthesisException e, Reason r) {
        org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(r);
        org.assertj.core.api.Assertions.assertThat(e.isBadInput()).isTrue();
    }
}
