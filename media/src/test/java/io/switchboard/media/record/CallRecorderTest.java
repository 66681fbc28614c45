package io.switchboard.media.record;

import static io.switchboard.media.resample.Signals.frequency;
import static io.switchboard.media.resample.Signals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.wav.WavAudio;
import io.switchboard.media.wav.WavReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecorderTest {
    private static final InstantSource MARCH_5 = InstantSource.fixed(Instant.parse("2024-03-05T23:59:30Z"));

    @TempDir
    Path dataDir;

    private RecordingWriter writer;

    @AfterEach
    void stopWriter() throws Exception {
        if (writer != null) {
            writer.stop(Duration.ofSeconds(5));
        }
    }

    /** Frame {@code n} of a continuous tone. */
    static PcmFrame toneFrame(double hz, int n) {
        short[] s = sine(hz, 8000, 8000, (n + 1) * PcmFrame.SAMPLES);
        return PcmFrame.copyOf(s, n * PcmFrame.SAMPLES);
    }

    private RecordingWriter started(int queueFrames) {
        writer = new RecordingWriter(dataDir, MARCH_5, queueFrames);
        writer.start();
        return writer;
    }

    @Test
    void theCallerIsLeftAndTheOtherPartyRight() throws Exception {
        CallRecorder recorder = started(1000).open("a84b4c76e66710@pc33.atlanta.com");
        for (int n = 0; n < 100; n++) {
            recorder.writeA(toneFrame(1000, n));
            recorder.writeB(toneFrame(440, n));
            recorder.tick();
        }
        RecordingResult result = recorder.stop();
        assertThat(writer.stop(Duration.ofSeconds(5))).isTrue();

        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(result.path()).isEqualTo(dataDir.resolve("recordings/2024/03/05/a84b4c76e66710@pc33.atlanta.com.wav"));
        WavAudio audio = WavReader.read(result.path());
        assertThat(audio.sampleRate()).isEqualTo(8000);
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(frequency(audio.channel(0), 0, 16000, 8000)).isCloseTo(1000, within(1.0));
        assertThat(frequency(audio.channel(1), 0, 16000, 8000)).isCloseTo(440, within(1.0));
        assertThat(writer.counters().framesWritten()).isEqualTo(100);
        assertThat(writer.counters().recordingsFinished()).isEqualTo(1);
        assertThat(writer.counters().framesDropped()).isZero();
    }

    @Test
    void pausedTimeIsWrittenAsSilenceAndItsAudioDiscarded() throws Exception {
        CallRecorder recorder = started(1000).open("call-1");
        for (int n = 0; n < 100; n++) {
            if (n == 50) {
                recorder.pause();
            } else if (n == 75) {
                recorder.resume();
            }
            recorder.writeA(toneFrame(1000, n));
            recorder.writeB(toneFrame(440, n));
            recorder.tick();
        }
        assertThat(recorder.isPaused()).isFalse();
        RecordingResult result = recorder.stop();
        writer.stop(Duration.ofSeconds(5));

        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(2));
        short[] left = WavReader.read(result.path()).channel(0);
        short[] right = WavReader.read(result.path()).channel(1);
        assertThat(left).hasSize(16000);
        assertThat(Arrays.copyOfRange(left, 8000, 12000)).containsOnly((short) 0);
        assertThat(Arrays.copyOfRange(right, 8000, 12000)).containsOnly((short) 0);
        assertThat(frequency(left, 12000, 16000, 8000)).isCloseTo(1000, within(1.0));
        assertThat(frequency(right, 0, 8000, 8000)).isCloseTo(440, within(1.0));
    }

    @Test
    void aSideWithoutAFrameIsSilenceAndEarlyFramesWaitForTheirTick() throws Exception {
        CallRecorder recorder = started(1000).open("call-2");
        PcmFrame one = toneFrame(1000, 0);
        PcmFrame two = toneFrame(1000, 1);
        recorder.writeA(one);
        recorder.writeA(two);
        recorder.tick();
        recorder.tick();
        recorder.writeB(two);
        recorder.tick();
        for (int n = 0; n < 5; n++) {
            recorder.writeB(toneFrame(440, n));
        }
        recorder.tick();
        recorder.stop();
        writer.stop(Duration.ofSeconds(5));

        WavAudio audio = WavReader.read(recorder.path());
        short[] left = audio.channel(0);
        short[] right = audio.channel(1);
        assertThat(Arrays.copyOfRange(left, 0, 160)).isEqualTo(one.samples());
        assertThat(Arrays.copyOfRange(left, 160, 320)).isEqualTo(two.samples());
        assertThat(Arrays.copyOfRange(left, 320, 640)).containsOnly((short) 0);
        assertThat(Arrays.copyOfRange(right, 0, 320)).containsOnly((short) 0);
        assertThat(Arrays.copyOfRange(right, 320, 480)).isEqualTo(two.samples());
        assertThat(Arrays.copyOfRange(right, 480, 640)).as("the oldest of 5 early frames are dropped")
                .isEqualTo(toneFrame(440, 2).samples());
        assertThat(writer.counters().sideOverruns()).isEqualTo(2);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheLane() throws Exception {
        writer = new RecordingWriter(dataDir, MARCH_5, 10);
        CallRecorder recorder = writer.open("busy-disk");
        for (int n = 0; n < 25; n++) {
            recorder.writeA(toneFrame(1000, n));
            recorder.tick();
        }

        assertThat(recorder.droppedFrames()).isEqualTo(15);
        assertThat(writer.counters().framesDropped()).isEqualTo(15);
        assertThat(writer.queuedFrames()).isEqualTo(10);
        RecordingResult result = recorder.stop();
        writer.start();
        assertThat(writer.stop(Duration.ofSeconds(5))).isTrue();

        assertThat(result.duration()).isEqualTo(Duration.ofMillis(200));
        assertThat(WavReader.read(result.path()).duration()).isEqualTo(Duration.ofMillis(200));
        assertThat(writer.queuedFrames()).isZero();
    }

    @Test
    void aCallRecordedTwiceOnOneDayContinuesItsFile() throws Exception {
        started(1000);
        for (int take = 0; take < 2; take++) {
            CallRecorder recorder = writer.open("twice");
            for (int n = 0; n < 10; n++) {
                recorder.writeA(toneFrame(1000, n));
                recorder.tick();
            }
            assertThat(recorder.stop().duration()).isEqualTo(Duration.ofMillis(200));
        }
        writer.stop(Duration.ofSeconds(5));

        assertThat(WavReader.read(dataDir.resolve("recordings/2024/03/05/twice.wav")).duration())
                .isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aCallIsRecordedByOneRecorderAtATime() {
        started(1000);
        CallRecorder first = writer.open("once");

        assertThatThrownBy(() -> writer.open("once")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call once is already being recorded");
        first.stop();
        writer.open("once").stop();
    }

    @Test
    void stoppingTheWriterFinishesRecordingsStillOpen() throws Exception {
        CallRecorder recorder = started(1000).open("still-talking");
        for (int n = 0; n < 30; n++) {
            recorder.writeB(toneFrame(440, n));
            recorder.tick();
        }
        assertThat(writer.stop(Duration.ofSeconds(5))).isTrue();
        recorder.tick();

        assertThat(writer.isRunning()).isFalse();
        assertThat(WavReader.read(recorder.path()).duration()).isEqualTo(Duration.ofMillis(600));
        assertThat(writer.counters().framesDropped()).isEqualTo(1);
        assertThat(recorder.stop().duration()).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aCallHungUpBeforeItsFirstTickStillLeavesAValidEmptyFile() throws Exception {
        CallRecorder recorder = started(1000).open("short");
        RecordingResult result = recorder.stop();
        assertThat(recorder.stop()).isSameAs(result);
        writer.stop(Duration.ofSeconds(5));

        assertThat(result.duration()).isZero();
        assertThat(WavReader.read(result.path()).length()).isZero();
    }

    @Test
    void writerProgressIsVisibleWhileRunning() {
        CallRecorder recorder = started(1000).open("progress");
        for (int n = 0; n < 20; n++) {
            recorder.tick();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.counters().framesWritten() == 20);
        assertThat(writer.isRunning()).isTrue();
        assertThat(writer.counters().framesQueued()).isEqualTo(20);
        assertThat(writer.counters().writeErrors()).isZero();
    }
}
