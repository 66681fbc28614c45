package io.switchboard.media.wav;

import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.resample.Resampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decoded audio at its own rate and channel count, as read from or written to a WAV file: the step
 * between a file and the 8 kHz mono {@link PcmFrame}s the rest of the media layer uses.
 * Immutable (holds a private copy of the interleaved samples).
 */
public final class WavAudio {
    private final int sampleRate;
    private final int channels;
    private final short[] samples;

    /** {@code interleaved} holds one sample per channel per instant (L R L R … for stereo). */
    public WavAudio(int sampleRate, int channels, short[] interleaved) {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sample rate and channels must be positive");
        }
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException(interleaved.length + " samples do not fill " + channels + " channels");
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.samples = interleaved.clone();
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Samples per channel. */
    public int length() {
        return samples.length / channels;
    }

    public Duration duration() {
        return Duration.ofNanos(length() * 1_000_000_000L / sampleRate);
    }

    /** A copy of the interleaved samples. */
    public short[] interleaved() {
        return samples.clone();
    }

    /** The samples of channel {@code c} (0 = left). */
    public short[] channel(int c) {
        if (c < 0 || c >= channels) {
            throw new IllegalArgumentException("no channel " + c + " in " + channels + "-channel audio");
        }
        short[] out = new short[length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples[i * channels + c];
        }
        return out;
    }

    /** The average of all channels (for stereo prompts: both sides are heard on a mono call). */
    public short[] mono() {
        if (channels == 1) {
            return samples.clone();
        }
        short[] out = new short[length()];
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[i * channels + c];
            }
            out[i] = (short) Math.round((double) sum / channels);
        }
        return out;
    }

    /** Down-mixed, resampled to 8 kHz and cut into 20 ms frames; the last frame is padded with silence. */
    public List<PcmFrame> toPcmFrames() {
        short[] narrow = Resampler.resample(mono(), sampleRate, PcmFrame.SAMPLE_RATE);
        int frames = (narrow.length + PcmFrame.SAMPLES - 1) / PcmFrame.SAMPLES;
        short[] padded = Arrays.copyOf(narrow, frames * PcmFrame.SAMPLES);
        List<PcmFrame> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            out.add(PcmFrame.copyOf(padded, f * PcmFrame.SAMPLES));
        }
        return out;
    }
}
