package io.switchboard.media.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {
    @TempDir
    Path dir;

    @Test
    void theHeaderCountsOnlyWhatWasWrittenBeforeTheLastUpdate() throws Exception {
        Path file = dir.resolve("r.wav");
        try (WavWriter w = WavWriter.create(file, 8000, 2)) {
            w.write(new short[] {1, 2, 3, 4}, 0, 4);
            w.updateHeader();
            w.write(new short[] {5, 6}, 0, 2);

            assertThat(WavReader.read(file).interleaved()).containsExactly(1, 2, 3, 4);
            assertThat(w.dataBytes()).isEqualTo(12);
        }
        assertThat(WavReader.read(file).interleaved()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void appendContinuesAFileWhoseHeaderIsStale() throws Exception {
        Path file = dir.resolve("r.wav");
        try (WavWriter w = WavWriter.create(file, 8000, 2)) {
            w.write(new short[] {1, 2}, 0, 2);
        }
        Files.write(file, new byte[] {3, 0, 4, 0, 9}, StandardOpenOption.APPEND);

        try (WavWriter w = WavWriter.append(file, 8000, 2)) {
            assertThat(w.dataBytes()).isEqualTo(8);
            w.write(new short[] {5, 6}, 0, 2);
        }
        assertThat(WavReader.read(file).interleaved()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void appendCreatesAMissingFileAndRefusesAnotherFormat() throws Exception {
        Path file = dir.resolve("new.wav");
        try (WavWriter w = WavWriter.append(file, 8000, 2)) {
            w.write(new short[] {1, 2}, 0, 2);
        }
        assertThat(WavReader.read(file).interleaved()).containsExactly(1, 2);

        assertThatThrownBy(() -> WavWriter.append(file, 16000, 2)).isInstanceOf(WavFormatException.class)
                .hasMessageContaining("cannot append: not a 16000 Hz 2-channel 16-bit WAV");
    }

    @Test
    void repairCountsSamplesWrittenAfterTheLastHeaderUpdate() throws Exception {
        Path file = dir.resolve("crashed.wav");
        WavWriter w = WavWriter.create(file, 8000, 2);
        w.write(new short[] {1, 2, 3, 4}, 0, 4);
        w.updateHeader();
        w.write(new short[] {5, 6, 7, 8}, 0, 4);
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        assertThat(WavRepair.repair(file)).isTrue();
        assertThat(WavReader.read(file).interleaved()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(44 + 16);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(bytes.length - 8);
        assertThat(WavRepair.repair(file)).isFalse();
    }

    @Test
    void repairLeavesGoodFilesAloneAndNamesBadOnes() throws Exception {
        Path good = dir.resolve("good.wav");
        WavWriter.write(good, new WavAudio(8000, 1, new short[] {1, 2, 3}));
        byte[] before = Files.readAllBytes(good);
        assertThat(WavRepair.repair(good)).isFalse();
        assertThat(Files.readAllBytes(good)).isEqualTo(before);

        Path bad = dir.resolve("bad.wav");
        Files.write(bad, Arrays.copyOf("not a wav".getBytes(), 20));
        assertThatThrownBy(() -> WavRepair.repair(bad)).isInstanceOf(WavFormatException.class)
                .hasMessageStartingWith(bad + ": not a RIFF/WAVE file");
    }
}
