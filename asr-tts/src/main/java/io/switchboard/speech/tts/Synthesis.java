package io.switchboard.speech.tts;

import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.play.Prompt;
import io.switchboard.media.resample.Resampler;
import io.switchboard.media.wav.WavAudio;
import java.time.Duration;
import java.util.List;

/**
 * Synthesized speech: 16-bit mono PCM at the engine's rate (16 kHz for MaryTTS, 22.05 kHz for espeak-ng).
 * Conversions to what the media layer plays (8 kHz 20 ms {@link PcmFrame}s, a {@link Prompt}) resample
 * once. Immutable: the samples are copied in and out.
 */
public final class Synthesis {
    private final short[] pcm;
    private final int sampleRate;

    public Synthesis(short[] pcm, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.pcm = pcm.clone();
        this.sampleRate = sampleRate;
    }

    /** A copy of the samples. */
    public short[] pcm() {
        return pcm.clone();
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Number of samples. */
    public int length() {
        return pcm.length;
    }

    public Duration duration() {
        return Duration.ofNanos(pcm.length * 1_000_000_000L / sampleRate);
    }

    /** The same audio at {@code rate} Hz (this object when already at that rate). */
    public Synthesis resampled(int rate) {
        return rate == sampleRate ? this : new Synthesis(Resampler.resample(pcm, sampleRate, rate), rate);
    }

    /** As a mono WAV at the engine's rate. */
    public WavAudio toWav() {
        return new WavAudio(sampleRate, 1, pcm);
    }

    /** Resampled to 8 kHz and cut into 20 ms frames, the last one padded with silence. */
    public List<PcmFrame> toPcmFrames() {
        return toWav().toPcmFrames();
    }

    /** As a prompt the media layer can encode and play. */
    public Prompt toPrompt() {
        return Prompt.of(toPcmFrames());
    }

    /** Root-mean-square level over all samples (0 for silence, about 3000 for normal speech). */
    public double rms() {
        if (pcm.length == 0) {
            return 0;
        }
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / pcm.length);
    }

    @Override
    public String toString() {
        return "Synthesis[" + duration().toMillis() + " ms @ " + sampleRate + " Hz]";
    }
}
