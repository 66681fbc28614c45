package io.switchboard.media.play;

import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.wav.WavReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A recorded announcement as the media layer plays it: 8 kHz mono 20 ms frames, decoded, down-mixed
 * and resampled once when loaded, so playing it is only a walk over a list. Immutable, so one prompt
 * can be played on many lanes at once.
 */
public final class Prompt {
    private final List<PcmFrame> frames;

    private Prompt(List<PcmFrame> frames) {
        this.frames = frames;
    }

    public static Prompt of(List<PcmFrame> frames) {
        return new Prompt(List.copyOf(frames));
    }

    /** Loads a WAV file (any format {@link WavReader} reads). Blocking I/O: not on a lane. */
    public static Prompt load(Path wav) throws IOException {
        return new Prompt(List.copyOf(WavReader.readFrames(wav)));
    }

    /** The frames, in order (unmodifiable). */
    public List<PcmFrame> frames() {
        return frames;
    }

    public int size() {
        return frames.size();
    }

    public Duration duration() {
        return Duration.ofMillis((long) frames.size() * PcmFrame.DURATION_MS);
    }
}
