package io.switchboard.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecognitionRequestTest {

    @Test
    void acceptsTelephoneAndWidebandRates() {
        assertThat(RecognitionRequest.freeForm(8000).sampleRate()).isEqualTo(8000);
        assertThat(RecognitionRequest.freeForm(16000).isGrammar()).isFalse();
    }

    @Test
    void otherRatesAreRefusedNamingTheRate() {
        for (int rate : new int[] {0, 11025, 22050, 44100, 48000}) {
            assertThatThrownBy(() -> RecognitionRequest.freeForm(rate))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unsupported sample rate " + rate + " Hz")
                    .hasMessageContaining("8000 or 16000");
        }
    }

    @Test
    void grammarPhrasesAreNormalised() {
        var r = RecognitionRequest.grammar(8000, List.of(" Billing ", "Talk  to an AGENT"));
        assertThat(r.isGrammar()).isTrue();
        assertThat(r.grammar()).containsExactly("billing", "talk to an agent");
    }

    @Test
    void emptyOrBlankGrammarIsRefused() {
        assertThatThrownBy(() -> RecognitionRequest.grammar(8000, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one phrase");
        assertThatThrownBy(() -> RecognitionRequest.grammar(8000, Arrays.asList("yes", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phrase 2 is blank");
    }

    @Test
    void endpointingDurationsMustBePositive() {
        assertThatThrownBy(() -> Endpointing.DEFAULT.withTrailingSilence(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailingSilence");
        assertThatThrownBy(() -> RecognitionRequest.freeForm(8000).withMaxBacklog(Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBacklog");
    }
}
