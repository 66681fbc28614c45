package io.switchboard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.media.resample.Resampler;
import io.switchboard.media.wav.WavAudio;
import io.switchboard.media.wav.WavFormatException;
import io.switchboard.media.wav.WavReader;
import io.switchboard.speech.asr.Endpointing;
import io.switchboard.speech.asr.RecognitionEvent;
import io.switchboard.speech.asr.RecognitionRequest;
import io.switchboard.speech.asr.RecognitionStream;
import io.switchboard.speech.asr.RecognizedWord;
import io.switchboard.speech.asr.SpeechModelException;
import io.switchboard.speech.asr.vosk.VoskModelDirectory;
import io.switchboard.speech.asr.vosk.VoskRecognizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code asr FILE.wav [--grammar "a,b,c"] [--json] [--model DIR]}: transcribes a WAV file with Vosk, for
 * operators to try the engine on their own recordings. Any WAV the media layer reads (PCM 8/16-bit,
 * G.711, any rate and channel count) is down-mixed and, unless it is 8 or 16 kHz, resampled to 16 kHz,
 * then fed through a recognition stream exactly as a call would be, so utterances are cut by the same
 * endpointing. Prints one line per utterance (nothing when no speech was recognised), or with
 * {@code --json} the utterances with their words, times and confidences. Exit codes as {@link Main}:
 * 0 ok, 1 unreadable or unsupported file, model or engine failure, 2 bad usage.
 */
final class AsrCommand {
    private static final int FEED_MS = 20;

    private AsrCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Path file = null;
        Path model = null;
        List<String> grammar = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--grammar", "--model" -> {
                    if (i + 1 >= args.size()) {
                        return usage(err, a + " needs a value");
                    }
                    String v = args.get(++i);
                    if (a.equals("--model")) {
                        model = Path.of(v);
                    } else {
                        grammar = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                        if (grammar.isEmpty()) {
                            return usage(err, "--grammar needs at least one phrase, e.g. --grammar \"billing,sales,agent\"");
                        }
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        return usage(err, "unknown flag '" + a + "' for asr");
                    }
                    if (file != null) {
                        return usage(err, "asr takes one WAV file, not '" + file + "' and '" + a + "'");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            return usage(err, "asr needs the WAV file to transcribe, e.g. bin/switchboard asr call.wav");
        }
        short[] pcm;
        int rate;
        try {
            WavAudio wav = read(file);
            rate = RecognitionRequest.SAMPLE_RATES.contains(wav.sampleRate()) ? wav.sampleRate() : 16000;
            pcm = Resampler.resample(wav.mono(), wav.sampleRate(), rate);
        } catch (IOException e) {
            err.println("switchboard: asr: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        try (VoskRecognizer recognizer = new VoskRecognizer(
                model == null ? VoskModelDirectory.locate() : VoskModelDirectory.of(model))) {
            List<RecognitionEvent> events = recognize(recognizer, request(rate, grammar, pcm.length), pcm);
            for (RecognitionEvent e : events) {
                if (e instanceof RecognitionEvent.Failed f) {
                    err.println("switchboard: asr: recognition of " + file + " failed: " + f.reason());
                    return 1;
                }
            }
            print(out, err, file, rate, pcm.length, grammar, events, json);
            return 0;
        } catch (SpeechModelException e) {
            err.println("switchboard: asr: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("switchboard: asr: " + e.getMessage());
            return 2;
        }
    }

    private static WavAudio read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory, not a WAV file");
        }
        try {
            return WavReader.read(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file");
        } catch (WavFormatException e) {
            throw new IOException("unsupported or damaged WAV: " + e.reason().replaceFirst("^\\Q" + file + "\\E: ", "")
                    + " (at byte " + e.offset() + ")");
        }
    }

    /** Default endpointing, but a whole file is fed at once: the backlog must hold all of it. */
    private static RecognitionRequest request(int rate, List<String> grammar, int samples) {
        Duration length = Duration.ofMillis(samples * 1000L / rate + 1000);
        RecognitionRequest r = grammar == null ? RecognitionRequest.freeForm(rate) : RecognitionRequest.grammar(rate, grammar);
        return r.withMaxBacklog(length).withEndpointing(Endpointing.DEFAULT.withNoInputTimeout(length));
    }

    private static List<RecognitionEvent> recognize(VoskRecognizer recognizer, RecognitionRequest request, short[] pcm) {
        try (RecognitionStream stream = recognizer.open(request)) {
            var result = stream.events().toList().toFuture();
            int frame = request.sampleRate() * FEED_MS / 1000;
            for (int i = 0; i < pcm.length; i += frame) {
                stream.feed(Arrays.copyOfRange(pcm, i, Math.min(pcm.length, i + frame)));
            }
            stream.finish();
            long timeoutS = 60 + pcm.length / request.sampleRate();
            return result.get(timeoutS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new RecognitionEvent.Failed("interrupted"));
        } catch (ExecutionException | TimeoutException e) {
            return List.of(new RecognitionEvent.Failed(e.toString()));
        }
    }

    private static void print(PrintStream out, PrintStream err, Path file, int rate, int samples, List<String> grammar,
                              List<RecognitionEvent> events, boolean json) {
        List<RecognitionEvent.Final> finals = new ArrayList<>();
        for (RecognitionEvent e : events) {
            if (e instanceof RecognitionEvent.Final f && !f.isEmpty()) {
                finals.add(f);
            }
        }
        if (!json) {
            finals.forEach(f -> out.println(f.text()));
            if (finals.isEmpty()) {
                err.println("switchboard: asr: no speech recognised in " + file);
            }
            return;
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("file", file.toString()).put("sampleRate", rate).put("durationMs", samples * 1000L / rate)
                .put("mode", grammar == null ? "free-form" : "grammar");
        root.put("text", String.join(" ", finals.stream().map(RecognitionEvent.Final::text).toList()));
        ArrayNode utterances = root.putArray("utterances");
        for (RecognitionEvent.Final f : finals) {
            ObjectNode u = utterances.addObject().put("text", f.text()).put("confidence", round(f.confidence()))
                    .put("startMs", f.startMs()).put("endMs", f.endMs());
            ArrayNode words = u.putArray("words");
            for (RecognizedWord w : f.words()) {
                words.addObject().put("word", w.word()).put("confidence", round(w.confidence()))
                        .put("startMs", w.startMs()).put("endMs", w.endMs());
            }
        }
        out.println(root);
    }

    private static double round(double confidence) {
        return Math.round(confidence * 1000) / 1000.0;
    }

    private static int usage(PrintStream err, String message) {
        err.println("switchboard: " + message);
        err.println("Usage: bin/switchboard asr FILE.wav [--grammar \"a,b,c\"] [--json] [--model DIR]");
        return 2;
    }
}
