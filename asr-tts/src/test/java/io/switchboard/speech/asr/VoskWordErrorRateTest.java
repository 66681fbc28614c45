package io.switchboard.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Free-form Vosk (bundled small English model) on twelve IVR-style sentences spoken by espeak-ng
 * ({@code asr/ivr-sentences.txt}), fed as a call would feed them: 20 ms frames through a
 * {@link RecognitionStream}, endpointed by our detector, each after half a second of silence (the
 * caller listening to the prompt).
 *
 * <p>Measured on this build (espeak-ng 1.51, voice en-us at 140 wpm), over four runs:
 * <ul>
 *   <li>16 kHz: WER 0.150–0.167 (9–10 errors / 60 words)</li>
 *   <li>8 kHz G.711 µ-law, upsampled to 16 kHz by our resampler: WER 0.250–0.333 (15–20 / 60)</li>
 *   <li>8 kHz G.711 A-law: WER 0.233–0.333 (14–20 / 60)</li>
 * </ul>
 * Runs differed by a few words because Kaldi dithers the signal before its features with a generator
 * seeded from the process-wide {@code rand()} (the same audio decoded twice in one JVM could differ, and a
 * CI run once gave 0.417 at 8 kHz µ-law after other tests had decoded first). {@link SharedRecognizer}
 * now seeds it before each utterance: 16 kHz 0.150, 8 kHz µ-law 0.317, A-law 0.283 in every order. The
 * bounds keep three words of slack at 16 kHz, four at 8 kHz, over the worst of the earlier runs. Vosk fed each whole signal at
 * once does about as well (the errors are the model's, not the pipeline's), but only with silence before
 * the first word: without it the same audio scored 0.25 at 16 kHz and 0.43 at 8 kHz, which is why the
 * detector pads its pre-roll. Many errors are espeak's robotic voice ("billing" heard as "really",
 * "bill" as "veil", "two" as "to"); the 8 kHz loss is the missing 4–8 kHz band on a model trained on
 * wideband speech ("four zero zero eight" is the worst).
 */
class VoskWordErrorRateTest {
    static final double MAX_WER_16K = 0.22;
    static final double MAX_WER_8K = 0.40;

    private static final List<String> SENTENCES = SpokenAudio.sentences("/asr/ivr-sentences.txt");

    @Test
    void wideband16kHz() {
        double wer = corpusWer("16 kHz", 16000, SpokenAudio::wideband);
        assertThat(wer).isLessThanOrEqualTo(MAX_WER_16K);
    }

    @Test
    void telephone8kHzUlaw() {
        double wer = corpusWer("8 kHz u-law", 8000, s -> SpokenAudio.telephone(s, false));
        assertThat(wer).isLessThanOrEqualTo(MAX_WER_8K);
    }

    @Test
    void telephone8kHzAlaw() {
        double wer = corpusWer("8 kHz A-law", 8000, s -> SpokenAudio.telephone(s, true));
        assertThat(wer).isLessThanOrEqualTo(MAX_WER_8K);
    }

    private static double corpusWer(String label, int rate, Function<String, short[]> speak) {
        WordErrorRate.Counts total = WordErrorRate.Counts.ZERO;
        for (String sentence : SENTENCES) {
            short[] pcm = SpokenAudio.concat(SpokenAudio.silence(500, rate), speak.apply(sentence),
                    SpokenAudio.silence(300, rate));
            String heard = SharedRecognizer.transcript(SharedRecognizer.recognize(RecognitionRequest.freeForm(rate), pcm));
            WordErrorRate.Counts c = WordErrorRate.counts(sentence, heard);
            System.out.printf("%s  %-45s -> %-45s (%d errors)%n", label, sentence, heard, c.errors());
            total = total.plus(c);
        }
        System.out.printf("%s WER %.3f (%d errors / %d words: %d sub, %d del, %d ins)%n", label, total.rate(),
                total.errors(), total.referenceWords(), total.substitutions(), total.deletions(), total.insertions());
        return total.rate();
    }
}
