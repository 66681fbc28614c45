package io.switchboard.speech.tts;

import ch.qos.logback.classic.Level;
import io.switchboard.speech.tts.espeak.EspeakSynthesizer;
import io.switchboard.speech.tts.marytts.MaryTtsSynthesizer;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The real engines, started once per test JVM (MaryTTS is a process-wide singleton). */
final class Engines {
    private static Voices voices;

    private Engines() {
    }

    static synchronized MaryTtsSynthesizer mary() {
        quietMary();
        return MaryTtsSynthesizer.start();
    }

    static synchronized EspeakSynthesizer espeak() {
        return EspeakSynthesizer.open();
    }

    static synchronized Voices voices() {
        if (voices == null) {
            voices = new Voices(List.of(mary(), espeak()));
        }
        return voices;
    }

    /** MaryTTS logs every module and request at INFO (through log4j-over-slf4j): keep only warnings. */
    private static void quietMary() {
        if (LoggerFactory.getLogger("marytts") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(Level.WARN);
        }
    }

    /** Longest run of samples quieter than {@code level}, in milliseconds. */
    static double longestSilenceMs(Synthesis s, int level) {
        short[] pcm = s.pcm();
        int best = 0;
        int run = 0;
        for (short v : pcm) {
            run = Math.abs(v) < level ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best * 1000.0 / s.sampleRate();
    }

    static double seconds(Synthesis s) {
        return s.length() / (double) s.sampleRate();
    }
}
