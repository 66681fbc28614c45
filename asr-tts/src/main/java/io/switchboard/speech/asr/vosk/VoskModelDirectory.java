package io.switchboard.speech.asr.vosk;

import io.switchboard.speech.asr.SpeechModelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A checked Vosk (Kaldi) model directory, and where to find the bundled English one.
 *
 * <p>Why check before loading: Vosk's loader only says "Failed to create a model" (and prints Kaldi's
 * reason on stderr). We name the directory and the file that is missing instead, at start-up.
 *
 * <p>Where the bundled model is: the build unpacks {@code com.alphacephei:vosk-model-en} into
 * {@code asr-tts/target/model/vosk-model-en-us}. {@link #locate} tries, in order: the system property
 * {@value #PROPERTY} (only that, when set), then {@code asr-tts/target/model/…}, {@code target/model/…} and
 * {@code model/…} under the working directory and under the directory of the code (the shaded
 * {@code app/target/switchboard.jar} or {@code asr-tts/target/classes}) and its two parents — which
 * covers {@code bin/switchboard} from a clone, {@code java -jar} from elsewhere, and tests in any module.
 *
 * @param path             the model directory
 * @param sampleRate       the rate its features are computed at ({@code conf/mfcc.conf}, 16000 if unset)
 * @param grammarCapable   whether it has the lookahead graph ({@code graph/HCLr.fst} + {@code Gr.fst})
 *                         that grammar mode needs; a static {@code HCLG.fst} graph ignores grammars
 */
public record VoskModelDirectory(Path path, int sampleRate, boolean grammarCapable) {
    /** System property naming the model directory. */
    public static final String PROPERTY = "switchboard.asr.vosk.model";
    /** Directory name of the bundled English model. */
    public static final String BUNDLED = "vosk-model-en-us";
    static final List<String> SEARCH = List.of("asr-tts/target/model/" + BUNDLED, "target/model/" + BUNDLED,
            "model/" + BUNDLED);

    /** Checks that {@code dir} looks like a Vosk model; the exception names the path and what is missing. */
    public static VoskModelDirectory of(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new SpeechModelException(path, "Vosk model directory " + path + " does not exist");
        }
        if (!Files.isDirectory(path)) {
            throw new SpeechModelException(path, "Vosk model path " + path + " is not a directory");
        }
        boolean lookahead = Files.isRegularFile(path.resolve("graph/HCLr.fst"))
                && Files.isRegularFile(path.resolve("graph/Gr.fst"));
        boolean graph = lookahead || Files.isRegularFile(path.resolve("graph/HCLG.fst"));
        List<String> missing = new ArrayList<>();
        for (String f : List.of("am/final.mdl", "conf/mfcc.conf")) {
            if (!Files.isRegularFile(path.resolve(f))) {
                missing.add(f);
            }
        }
        if (!graph) {
            missing.add("graph/HCLG.fst (or graph/HCLr.fst + graph/Gr.fst)");
        }
        if (!missing.isEmpty()) {
            throw new SpeechModelException(path, "Vosk model directory " + path + " is not a Vosk model: missing "
                    + String.join(", ", missing));
        }
        return new VoskModelDirectory(path, sampleRate(path.resolve("conf/mfcc.conf")), lookahead);
    }

    /** The model named by {@value #PROPERTY}, else the bundled English model found near the code or the working directory. */
    public static VoskModelDirectory locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return of(Path.of(configured));
        }
        List<Path> tried = candidates(Path.of("").toAbsolutePath(), codeLocation());
        for (Path p : tried) {
            if (Files.isDirectory(p)) {
                return of(p);
            }
        }
        throw new SpeechModelException(null, "no Vosk model found: pass --model DIR or -D" + PROPERTY
                + "=DIR (the build unpacks the English model into asr-tts/target/model/" + BUNDLED
                + ": mvn package -pl app -am); looked in " + tried);
    }

    /** Where {@link #locate} looks, in order, without duplicates. */
    static List<Path> candidates(Path workingDir, Optional<Path> code) {
        List<Path> bases = new ArrayList<>();
        bases.add(workingDir);
        code.ifPresent(c -> {
            Path dir = Files.isDirectory(c) ? c : c.getParent();
            for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
                bases.add(dir);
            }
        });
        Set<Path> out = new LinkedHashSet<>();
        for (Path base : bases) {
            for (String rel : SEARCH) {
                out.add(base.resolve(rel).toAbsolutePath().normalize());
            }
        }
        return List.copyOf(out);
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = VoskModelDirectory.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static int sampleRate(Path mfccConf) {
        try {
            for (String line : Files.readAllLines(mfccConf)) {
                String l = line.trim();
                if (l.startsWith("--sample-frequency=")) {
                    return (int) Double.parseDouble(l.substring("--sample-frequency=".length()).trim());
                }
            }
            return 16000;
        } catch (IOException e) {
            throw new UncheckedIOException(mfccConf + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new SpeechModelException(mfccConf.getParent().getParent(), mfccConf
                    + ": --sample-frequency is not a number");
        }
    }
}
