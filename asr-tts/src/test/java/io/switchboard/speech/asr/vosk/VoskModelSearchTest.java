package io.switchboard.speech.asr.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the bundled model is looked for, from the places the code runs. */
class VoskModelSearchTest {

    @Test
    void fromTheShadedJarOfAClone() {
        assertThat(VoskModelDirectory.candidates(Path.of("/elsewhere"), Optional.of(Path.of("/clone/app/target/switchboard.jar"))))
                .contains(Path.of("/clone/asr-tts/target/model/vosk-model-en-us"));
    }

    @Test
    void fromTheRepositoryRootAndFromTheModuleDirectory() {
        assertThat(VoskModelDirectory.candidates(Path.of("/clone"), Optional.empty()))
                .startsWith(Path.of("/clone/asr-tts/target/model/vosk-model-en-us"));
        assertThat(VoskModelDirectory.candidates(Path.of("/clone/asr-tts"), Optional.empty()))
                .contains(Path.of("/clone/asr-tts/target/model/vosk-model-en-us"));
    }

    @Test
    void fromTheClassesDirectoryOfAnotherModulesTests() {
        assertThat(VoskModelDirectory.candidates(Path.of("/clone/app"), Optional.of(Path.of("/clone/asr-tts/target/classes"))))
                .contains(Path.of("/clone/asr-tts/target/model/vosk-model-en-us"));
    }
}
