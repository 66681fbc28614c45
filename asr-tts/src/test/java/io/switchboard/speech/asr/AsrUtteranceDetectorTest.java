package io.switchboard.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Endpointing decisions on synthetic signals (tone bursts as "speech"), in audio time, without an engine. */
class AsrUtteranceDetectorTest {
    static final int RATE = 8000;
    static final Endpointing ENDPOINTING = new Endpointing(Duration.ofMillis(500), Duration.ofSeconds(3),
            Duration.ofSeconds(2));

    /** Records decisions as text, times in ms. */
    static final class Recorder implements UtteranceDetector.Listener {
        final List<String> log = new ArrayList<>();
        long audioSamples;

        @Override
        public void onSpeechStarted(long atSample, short[] preRoll, long preRollStart) {
            log.add("start@" + ms(atSample) + " preroll " + ms(preRoll.length) + "ms from " + ms(preRollStart));
            audioSamples += preRoll.length;
        }

        @Override
        public void onAudio(short[] pcm, long startSample) {
            audioSamples += pcm.length;
        }

        @Override
        public void onUtteranceEnd(long speechStart, long speechEnd, UtteranceDetector.EndReason reason) {
            log.add("end " + ms(speechStart) + "-" + ms(speechEnd) + " " + reason);
        }

        @Override
        public void onNoInput(long atSample) {
            log.add("noinput@" + ms(atSample));
        }

        static long ms(long samples) {
            return samples * 1000 / RATE;
        }
    }

    static short[] tone(int millis) {
        short[] out = new short[millis * RATE / 1000];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (5000 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return out;
    }

    /** Speech-like: 250 ms "syllables" with 30 ms pauses (a steady tone would become the noise floor). */
    static short[] syllables(int millis) {
        short[] out = tone(millis);
        int period = 280 * RATE / 1000;
        for (int i = 0; i < out.length; i++) {
            if (i % period >= 250 * RATE / 1000) {
                out[i] = 0;
            }
        }
        return out;
    }

    static short[] noise(int millis, int amplitude) {
        short[] out = new short[millis * RATE / 1000];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (r.nextGaussian() * amplitude);
        }
        return out;
    }

    static List<String> run(int chunk, short[]... parts) {
        Recorder rec = new Recorder();
        UtteranceDetector d = new UtteranceDetector(RATE, ENDPOINTING, rec);
        short[] all = SpokenAudio.concat(parts);
        for (int i = 0; i < all.length; i += chunk) {
            d.accept(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + chunk)));
        }
        d.finish();
        return rec.log;
    }

    @Test
    void speechStartsWithinThirtyMillisecondsAndEndsAfterTrailingSilence() {
        List<String> log = run(160, SpokenAudio.silence(1000, RATE), tone(700), SpokenAudio.silence(600, RATE));
        assertThat(log).containsExactly("start@1000 preroll 300ms from 730", "end 1000-1700 TRAILING_SILENCE");
    }

    @Test
    void pauseShorterThanTrailingSilenceStaysInOneUtterance() {
        List<String> log = run(160, SpokenAudio.silence(600, RATE), tone(300), SpokenAudio.silence(300, RATE),
                tone(300), SpokenAudio.silence(600, RATE));
        assertThat(log).containsExactly("start@600 preroll 300ms from 330", "end 600-1500 TRAILING_SILENCE");
    }

    @Test
    void twoUtterancesSeparatedBySilence() {
        List<String> log = run(160, SpokenAudio.silence(500, RATE), tone(400), SpokenAudio.silence(1000, RATE),
                tone(400), SpokenAudio.silence(1000, RATE));
        assertThat(log).containsExactly("start@500 preroll 300ms from 230", "end 500-900 TRAILING_SILENCE",
                "start@1900 preroll 300ms from 1630", "end 1900-2300 TRAILING_SILENCE");
    }

    @Test
    void decisionsDoNotDependOnHowTheAudioIsCut() {
        short[][] signal = {SpokenAudio.silence(500, RATE), tone(400), SpokenAudio.silence(1000, RATE), tone(650)};
        List<String> expected = run(160, signal);
        assertThat(run(1, signal)).isEqualTo(expected);
        assertThat(run(77, signal)).isEqualTo(expected);
        assertThat(run(4000, signal)).isEqualTo(expected);
        assertThat(expected).last().isEqualTo("end 1900-2550 FINISHED");
    }

    @Test
    void speechAtTheVeryStartIsPaddedWithSilence() {
        List<String> log = run(160, tone(300), SpokenAudio.silence(600, RATE));
        assertThat(log).containsExactly("start@0 preroll 300ms from -270", "end 0-300 TRAILING_SILENCE");
    }

    @Test
    void noInputOncePerWaitThenAgainAfterAnUtterance() {
        List<String> log = run(160, SpokenAudio.silence(4500, RATE), tone(400), SpokenAudio.silence(2600, RATE));
        assertThat(log).containsExactly("noinput@2000", "start@4500 preroll 300ms from 4230",
                "end 4500-4900 TRAILING_SILENCE", "noinput@7400");
    }

    @Test
    void finishOnSilenceOrEmptyAudioIsNoInput() {
        assertThat(run(160, SpokenAudio.silence(300, RATE))).containsExactly("noinput@300");
        assertThat(run(160)).containsExactly("noinput@0");
    }

    @Test
    void longSpeechIsCutAtTheMaximumUtteranceLength() {
        List<String> log = run(160, SpokenAudio.silence(300, RATE), syllables(3500), SpokenAudio.silence(600, RATE));
        assertThat(log).containsExactly("start@300 preroll 300ms from 30", "end 300-3300 MAX_LENGTH",
                "start@3300 preroll 300ms from 3030", "end 3300-3800 TRAILING_SILENCE");
    }

    @Test
    void steadyLineNoiseIsNotSpeechOnceTheFloorIsLearnt() {
        // -50 dBFS hiss: under the bar from the start (seeded floor -60 dB + 15 dB), and learnt after 1.5 s
        List<String> log = run(160, noise(3000, 100), tone(500), noise(700, 100));
        assertThat(log).containsExactly("noinput@2000", "start@3000 preroll 300ms from 2730",
                "end 3000-3500 TRAILING_SILENCE");
    }

    @Test
    void aSteadyToneBecomesTheNoiseFloorAfterOneAndAHalfSeconds() {
        List<String> log = run(160, SpokenAudio.silence(300, RATE), tone(3000), SpokenAudio.silence(600, RATE));
        assertThat(log).startsWith("start@300 preroll 300ms from 30", "end 300-1800 TRAILING_SILENCE");
    }

    @Test
    void onlyTheFirst300MillisecondsOfTrailingSilenceAreDecodedButAResumedPauseIsWhole() {
        Recorder rec = new Recorder();
        UtteranceDetector d = new UtteranceDetector(RATE, ENDPOINTING, rec);
        d.accept(SpokenAudio.concat(SpokenAudio.silence(1000, RATE), tone(700), SpokenAudio.silence(600, RATE)));
        assertThat(Recorder.ms(rec.audioSamples)).as("pre-roll (with 30 ms of onset), speech, 300 ms of silence")
                .isEqualTo(300 + 670 + 300);
        d.accept(SpokenAudio.concat(tone(200), SpokenAudio.silence(450, RATE), tone(200), SpokenAudio.silence(600, RATE)));
        d.finish();
        assertThat(Recorder.ms(rec.audioSamples)).isEqualTo(1270 + 300 + 170 + 450 + 200 + 300);
        assertThat(rec.log).containsExactly("start@1000 preroll 300ms from 730", "end 1000-1700 TRAILING_SILENCE",
                "start@2300 preroll 300ms from 2030", "end 2300-3150 TRAILING_SILENCE");
    }

    @Test
    void aClickIsNotSpeech() {
        assertThat(run(160, SpokenAudio.silence(500, RATE), tone(15), SpokenAudio.silence(500, RATE)))
                .containsExactly("noinput@1015");
    }
}
