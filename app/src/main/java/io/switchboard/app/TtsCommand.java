package io.switchboard.app;

import ch.qos.logback.classic.Level;
import io.switchboard.media.wav.WavWriter;
import io.switchboard.speech.tts.SpeechSynthesizer;
import io.switchboard.speech.tts.Synthesis;
import io.switchboard.speech.tts.SynthesisException;
import io.switchboard.speech.tts.SynthesisRequest;
import io.switchboard.speech.tts.VoiceChoice;
import io.switchboard.speech.tts.Voices;
import io.switchboard.speech.tts.espeak.EspeakSynthesizer;
import io.switchboard.speech.tts.marytts.MaryTtsSynthesizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * {@code tts [--voice TAG] [--rate R] [--rate-hz HZ] -o OUT.wav TEXT…}: speaks one prompt into a WAV file
 * so operators can hear what callers will hear, without starting the switch. Text starting with
 * {@code <speak} is SSML. Exit codes as in {@link Main}: 0 written, 1 synthesis or I/O failure (malformed
 * SSML, engine missing), 2 bad usage (no text, no output, unknown voice, bad rate).
 */
final class TtsCommand {
    private TtsCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String voice = "en-US";
        String output = null;
        String rateText = "1";
        Integer rateHz = null;
        boolean listVoices = false;
        List<String> words = new ArrayList<>();
        boolean flags = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (flags && a.equals("--")) {
                flags = false;
            } else if (flags && a.equals("--voices")) {
                listVoices = true;
            } else if (flags && (a.equals("--voice") || a.equals("-o") || a.equals("--output") || a.equals("--rate")
                    || a.equals("--rate-hz"))) {
                if (i + 1 >= args.size()) {
                    return usage(err, a + " needs a value");
                }
                String v = args.get(++i);
                switch (a) {
                    case "--voice" -> voice = v;
                    case "--rate" -> rateText = v;
                    case "--rate-hz" -> {
                        try {
                            rateHz = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            rateHz = -1;
                        }
                        if (rateHz < 8000 || rateHz > 96000) {
                            return usage(err, "--rate-hz must be a sample rate from 8000 to 96000, not " + v);
                        }
                    }
                    default -> output = v;
                }
            } else if (flags && a.startsWith("-") && a.length() > 1) {
                return usage(err, "unknown flag '" + a + "' for tts");
            } else {
                words.add(a);
            }
        }
        quietLogs();
        Voices voices = voices(err);
        if (listVoices) {
            voices.available().forEach(out::println);
            return 0;
        }
        if (output == null) {
            return usage(err, "tts needs an output file: -o out.wav");
        }
        double rate;
        try {
            rate = parseRate(rateText);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        Path wav = Path.of(output);
        try {
            SynthesisRequest request = new SynthesisRequest(String.join(" ", words), voice, rate);
            VoiceChoice choice = voices.choose(request.voice());
            Synthesis speech = choice.synthesizer().synthesize(request);
            if (rateHz != null) {
                speech = speech.resampled(rateHz);
            }
            WavWriter.write(wav, speech.toWav());
            out.printf(Locale.ROOT, "%s: %.2f s at %d Hz (%s)%n", wav, speech.duration().toMillis() / 1000.0,
                    speech.sampleRate(), choice);
            return 0;
        } catch (SynthesisException e) {
            err.println("switchboard: tts: " + e.getMessage());
            return e.reason() == SynthesisException.Reason.MALFORMED_SSML || !e.isBadInput() ? 1 : 2;
        } catch (IOException e) {
            err.println("switchboard: tts: cannot write " + wav + ": " + e.getMessage());
            return 1;
        }
    }

    /** {@code 1.2}, {@code 80%}: a rate relative to the voice's normal pace. */
    static double parseRate(String text) {
        String t = text.trim();
        try {
            double r = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
            if (r >= SynthesisRequest.MIN_RATE && r <= SynthesisRequest.MAX_RATE) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--rate must be from " + SynthesisRequest.MIN_RATE + " to "
                + SynthesisRequest.MAX_RATE + " (or 30% to 300%), not " + text);
    }

    /** MaryTTS (started only if an English voice is used) then espeak-ng when libespeak-ng is installed. */
    private static Voices voices(PrintStream err) {
        List<SpeechSynthesizer> engines = new ArrayList<>();
        engines.add(MaryTtsSynthesizer.lazy());
        try {
            engines.add(EspeakSynthesizer.open());
        } catch (SynthesisException e) {
            err.println("switchboard: tts: " + e.getMessage() + "; only English is available");
        }
        return new Voices(engines);
    }

    /** A one-shot tool: warnings only (MaryTTS alone logs every module start at INFO). */
    private static void quietLogs() {
        Logging.setLevel("WARN");
        if (LoggerFactory.getLogger("marytts") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(Level.WARN);
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("switchboard: " + problem);
        err.println("usage: bin/switchboard tts [--voice en-US|zh-CN|TAG] [--rate 1.0|80%] [--rate-hz 8000] -o out.wav \"text or <speak>…</speak>\"");
        err.println("       bin/switchboard tts --voices");
        return 2;
    }
}
