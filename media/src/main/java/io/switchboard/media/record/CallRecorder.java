package io.switchboard.media.record;

import io.switchboard.media.codec.PcmFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Records one call as a stereo 16-bit 8 kHz WAV: left is the caller (leg A), right the other party
 * (leg B), so a reviewer can tell who said what and a speech engine can transcribe each side alone.
 *
 * <p>The lane delivers each side's decoded frames with {@link #writeA}/{@link #writeB} as they
 * arrive, and its 20 ms media tick calls {@link #tick()}, which pairs one frame of each side into
 * one stereo frame. A side with nothing that tick is silence there (a muted phone, lost packets, a leg
 * not yet answered); a side that delivered early keeps up to {@value #JITTER_FRAMES} frames for the
 * next ticks, so RTP arrival jitter does not cost audio. The stereo frame is handed to the shared
 * {@link RecordingWriter}; if its queue is full the frame is dropped and counted, the lane never waits.
 *
 * <p><b>Pause</b> (e.g. while a customer reads out a card number, PCI DSS) writes <i>silence</i>,
 * not nothing: the file keeps the call's timeline, so it lines up with the CDR and call events, and
 * the gap shows a reviewer where and for how long recording was paused. This is Twilio's default
 * pause behaviour ({@code silence}); Asterisk's MixMonitor instead skips paused time. Audio that
 * arrives while paused is discarded, never buffered.
 *
 * <p>Not thread-safe: one recorder per call, on the call's lane.
 */
public final class CallRecorder {
    /** Frames a side may run ahead of the tick: 60 ms of arrival jitter. */
    static final int JITTER_FRAMES = 3;
    private static final int STEREO_SAMPLES = RecordingFile.CHANNELS * PcmFrame.SAMPLES;
    /** Shared by every paused recorder; the writer only reads it. */
    private static final short[] SILENCE = new short[STEREO_SAMPLES];

    private final RecordingWriter writer;
    private final RecordingFile file;
    private final ArrayDeque<PcmFrame> sideA = new ArrayDeque<>(JITTER_FRAMES);
    private final ArrayDeque<PcmFrame> sideB = new ArrayDeque<>(JITTER_FRAMES);
    private boolean paused;
    private long accepted;
    private long dropped;
    private RecordingResult result;

    CallRecorder(RecordingWriter writer, RecordingFile file) {
        this.writer = writer;
        this.file = file;
    }

    /** The file this recording goes to. */
    public Path path() {
        return file.path;
    }

    /** A frame from the caller (left channel). */
    public void writeA(PcmFrame frame) {
        take(sideA, frame);
    }

    /** A frame from the other party (right channel). */
    public void writeB(PcmFrame frame) {
        take(sideB, frame);
    }

    /** Writes one 20 ms stereo frame: what each side delivered, silence where it did not. */
    public void tick() {
        if (result != null) {
            return;
        }
        short[] stereo = paused ? SILENCE : interleave(sideA.poll(), sideB.poll());
        if (writer.submit(file, stereo)) {
            accepted++;
        } else {
            dropped++;
        }
    }

    /** From now on ticks write silence and incoming audio is discarded. */
    public void pause() {
        paused = true;
        sideA.clear();
        sideB.clear();
    }

    /** Records audio again from the next frames that arrive. */
    public void resume() {
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    /** Frames of this call the writer's full queue refused. */
    public long droppedFrames() {
        return dropped;
    }

    /**
     * Ends the recording: the writer finishes the file (final header) after the frames already
     * queued. Calling it again returns the same result; later writes and ticks do nothing.
     */
    public RecordingResult stop() {
        if (result == null) {
            sideA.clear();
            sideB.clear();
            writer.finish(file);
            result = new RecordingResult(file.path, Duration.ofMillis(accepted * PcmFrame.DURATION_MS));
        }
        return result;
    }

    private void take(ArrayDeque<PcmFrame> side, PcmFrame frame) {
        if (paused || result != null) {
            return;
        }
        if (side.size() == JITTER_FRAMES) {
            side.poll();
            writer.counters().sideOverruns.increment();
        }
        side.add(frame);
    }

    private static short[] interleave(PcmFrame left, PcmFrame right) {
        short[] out = new short[STEREO_SAMPLES];
        for (int i = 0; i < PcmFrame.SAMPLES; i++) {
            out[2 * i] = left == null ? 0 : left.sample(i);
            out[2 * i + 1] = right == null ? 0 : right.sample(i);
        }
        return out;
    }
}
