package io.switchboard.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.speech.asr.vosk.VoskModelDirectory;
import io.switchboard.speech.asr.vosk.VoskRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskModelDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void bundledEnglishModelIsFoundAfterTheBuild() {
        VoskModelDirectory dir = VoskModelDirectory.locate();
        assertThat(dir.path()).endsWith(Path.of("target", "model", "vosk-model-en-us"));
        assertThat(dir.sampleRate()).isEqualTo(16000);
        assertThat(dir.grammarCapable()).isTrue();
    }

    @Test
    void missingDirectoryIsNamed() {
        Path missing = tmp.resolve("vosk-model-zh");
        assertThatThrownBy(() -> VoskModelDirectory.of(missing))
                .isInstanceOf(SpeechModelException.class)
                .hasMessage("Vosk model directory " + missing + " does not exist");
    }

    @Test
    void aFileIsNotAModelDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("model.zip"), "PK");
        assertThatThrownBy(() -> VoskModelDirectory.of(file))
                .isInstanceOf(SpeechModelException.class)
                .hasMessageContaining(file + " is not a directory");
    }

    @Test
    void aDirectoryWithoutModelFilesNamesWhatIsMissing() throws IOException {
        Files.createDirectories(tmp.resolve("am"));
        Files.writeString(tmp.resolve("am/final.mdl"), "x");
        assertThatThrownBy(() -> VoskModelDirectory.of(tmp))
                .isInstanceOf(SpeechModelException.class)
                .hasMessage("Vosk model directory " + tmp + " is not a Vosk model: missing conf/mfcc.conf, "
                        + "graph/HCLG.fst (or graph/HCLr.fst + graph/Gr.fst)")
                .extracting(e -> ((SpeechModelException) e).path()).isEqualTo(tmp);
    }

    @Test
    void aStaticGraphModelIsNotGrammarCapableAndItsRateIsRead() throws IOException {
        Files.createDirectories(tmp.resolve("am"));
        Files.createDirectories(tmp.resolve("conf"));
        Files.createDirectories(tmp.resolve("graph"));
        Files.writeString(tmp.resolve("am/final.mdl"), "x");
        Files.writeString(tmp.resolve("conf/mfcc.conf"), "--use-energy=false\n--sample-frequency=8000\n");
        Files.writeString(tmp.resolve("graph/HCLG.fst"), "x");
        VoskModelDirectory dir = VoskModelDirectory.of(tmp);
        assertThat(dir.grammarCapable()).isFalse();
        assertThat(dir.sampleRate()).isEqualTo(8000);
    }

    @Test
    void aCorruptModelIsRefusedByVoskWithThePathNamed() throws IOException {
        aStaticGraphModelIsNotGrammarCapableAndItsRateIsRead();
        assertThatThrownBy(() -> new VoskRecognizer(VoskModelDirectory.of(tmp), 1))
                .isInstanceOf(SpeechModelException.class)
                .hasMessageContaining("Vosk could not load the model in " + tmp);
    }

    @Test
    void theConfiguredPropertyWinsAndIsCheckedWithoutFallback() {
        Path missing = tmp.resolve("nope");
        System.setProperty(VoskModelDirectory.PROPERTY, missing.toString());
        try {
            assertThatThrownBy(VoskModelDirectory::locate)
                    .isInstanceOf(SpeechModelException.class)
                    .hasMessageContaining(missing + " does not exist");
        } finally {
            System.clearProperty(VoskModelDirectory.PROPERTY);
        }
    }

    @Test
    void closingTheRecognizerFailsItsOpenStreamsAndRefusesNewOnes() throws InterruptedException {
        VoskRecognizer recognizer = new VoskRecognizer(VoskModelDirectory.locate(), 1);
        RecognitionStream stream = recognizer.open(RecognitionRequest.freeForm(8000));
        var events = stream.events().test();
        stream.feed(new short[160]);
        recognizer.close();
        assertThat(events.await(10, TimeUnit.SECONDS)).isTrue();
        events.assertComplete();
        assertThat(events.values()).last().isEqualTo(new RecognitionEvent.Failed("the recognizer is closed"));
        assertThatThrownBy(() -> recognizer.open(RecognitionRequest.freeForm(8000)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThat(recognizer.stats().streamsActive()).isZero();
    }
}
