package io.switchboard.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {

    @Test
    void identicalTextsHaveNoErrors() {
        assertThat(WordErrorRate.of("talk to an agent", "talk to an agent")).isZero();
    }

    @Test
    void countsSubstitutionsDeletionsAndInsertionsSeparately() {
        assertThat(WordErrorRate.counts("i want to check my order status", "the want to check my order"))
                .isEqualTo(new WordErrorRate.Counts(1, 1, 0, 7));
        assertThat(WordErrorRate.counts("yes please", "yes please please"))
                .isEqualTo(new WordErrorRate.Counts(0, 0, 1, 2));
        assertThat(WordErrorRate.of("reset my password", "that my password")).isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void normalisesCaseAndPunctuationButKeepsApostrophes() {
        assertThat(WordErrorRate.words("Reset, my PASSWORD? That's all.")).containsExactly("reset", "my", "password",
                "that's", "all");
        assertThat(WordErrorRate.of("Order status?", "order   status")).isZero();
    }

    @Test
    void corpusRateIsTotalErrorsOverTotalWords() {
        var total = WordErrorRate.counts("billing", "really").plus(WordErrorRate.counts("talk to an agent",
                "talk to an agent"));
        assertThat(total.rate()).isEqualTo(1 / 5.0);
    }

    @Test
    void emptyReferenceAndHypothesis() {
        assertThat(WordErrorRate.of("", "")).isZero();
        assertThat(WordErrorRate.of("", "uh huh")).isEqualTo(2);
        assertThat(WordErrorRate.of("billing", "")).isEqualTo(1);
    }

    @Test
    void hypothesisLongerThanReferenceCanExceedOne() {
        assertThat(WordErrorRate.of("no", "oh no no")).isEqualTo(2);
    }
}
