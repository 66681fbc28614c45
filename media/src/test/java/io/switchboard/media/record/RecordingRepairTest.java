package io.switchboard.media.record;

import static io.switchboard.media.record.CallRecorderTest.toneFrame;
import static io.switchboard.media.resample.Signals.frequency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.switchboard.media.wav.WavAudio;
import io.switchboard.media.wav.WavReader;
import io.switchboard.media.wav.WavWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRepairTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path crashedDataDir;

    /**
     * An abrupt end (kill -9, OOM) is simulated by copying the file while the writer is running and
     * the recording is open: the copy is exactly what the page cache would leave on disk. The first
     * second is counted by the periodic header update; the next 0.8 s is on disk but not yet counted.
     */
    @Test
    void aRecordingCutOffByACrashIsPlayableAndRepairRecoversEverythingWritten() throws Exception {
        RecordingWriter writer = new RecordingWriter(dataDir, InstantSource.fixed(Instant.parse("2025-07-01T10:00:00Z")), 1000);
        writer.start();
        try {
            CallRecorder recorder = writer.open("crash");
            record(recorder, 0, 50);
            await().atMost(Duration.ofSeconds(5)).until(() -> writer.counters().framesWritten() == 50);
            record(recorder, 50, 90);
            await().atMost(Duration.ofSeconds(5)).until(() -> writer.counters().framesWritten() == 90);

            Path relative = writer.recordingsDir().relativize(recorder.path());
            Path crashed = crashedDataDir.resolve("recordings").resolve(relative);
            Files.createDirectories(crashed.getParent());
            Files.copy(recorder.path(), crashed);

            assertThat(WavReader.read(crashed).duration()).as("valid, up to the last header update")
                    .isEqualTo(Duration.ofSeconds(1));

            assertThat(RecordingWriter.repair(crashedDataDir.resolve("recordings"))).containsExactly(crashed);

            WavAudio audio = WavReader.read(crashed);
            assertThat(audio.duration()).isEqualTo(Duration.ofMillis(1800));
            assertThat(frequency(audio.channel(0), 0, audio.length(), 8000)).isCloseTo(1000, within(1.0));
            assertThat(frequency(audio.channel(1), 0, audio.length(), 8000)).isCloseTo(440, within(1.0));
            ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(crashed)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(header.getInt(4)).isEqualTo(Files.size(crashed) - 8);
            assertThat(header.getInt(40)).isEqualTo(Files.size(crashed) - 44);
        } finally {
            writer.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void repairFixesOnlyStaleHeadersAndLeavesOtherFilesAlone() throws Exception {
        Path dir = dataDir.resolve("recordings");
        Path day = Files.createDirectories(dir.resolve("2025/07/01"));
        Path good = day.resolve("good.wav");
        WavWriter.write(good, new WavAudio(8000, 2, new short[320]));
        Path stale = day.resolve("stale.wav");
        WavWriter w = WavWriter.create(stale, 8000, 2);
        w.write(new short[320], 0, 320);
        Path garbage = Files.write(day.resolve("garbage.wav"), "not audio at all".getBytes());
        Files.write(day.resolve("notes.txt"), "x".getBytes());

        assertThat(RecordingWriter.repair(dir)).containsExactly(stale);
        assertThat(WavReader.read(stale).length()).isEqualTo(160);
        assertThat(Files.readString(garbage)).isEqualTo("not audio at all");
        assertThat(RecordingWriter.repair(dataDir.resolve("none"))).isEmpty();
        w.close();
    }

    private static void record(CallRecorder recorder, int from, int to) {
        for (int n = from; n < to; n++) {
            recorder.writeA(toneFrame(1000, n));
            recorder.writeB(toneFrame(440, n));
            recorder.tick();
        }
    }
}
