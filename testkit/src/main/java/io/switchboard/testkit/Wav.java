package io.switchboard.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV files for audio tests, through the JDK's {@code javax.sound.sampled}: writing test tones for
 * softphones to play, and reading what a phone or the switch recorded.
 */
public final class Wav {
    private Wav() {
    }

    /** 16-bit PCM samples of one channel, with the file's rate. */
    public record Audio(short[] samples, int sampleRate) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }

        /** The samples from {@code fromSec} to {@code toSec}. */
        public short[] window(double fromSec, double toSec) {
            int from = (int) Math.min(samples.length, Math.max(0, fromSec * sampleRate));
            int to = (int) Math.min(samples.length, Math.max(from, toSec * sampleRate));
            short[] out = new short[to - from];
            System.arraycopy(samples, from, out, 0, out.length);
            return out;
        }
    }

    /** Writes a sine of {@code hz} at {@code dbfs} (e.g. -10), {@code seconds} long, as 16-bit PCM. */
    public static void writeTone(Path file, double hz, double dbfs, double seconds, int sampleRate, int channels) {
        int frames = (int) (seconds * sampleRate);
        double amplitude = 32767 * Math.pow(10, dbfs / 20);
        ByteBuffer buf = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
            for (int c = 0; c < channels; c++) {
                buf.putShort(s);
            }
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(buf.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads channel {@code channel} (0 = left) of a 16-bit PCM WAV file. */
    public static Audio read(Path file, int channel) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getSampleSizeInBits() != 16 || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IllegalArgumentException(file + ": expected 16-bit signed PCM, found " + f);
            }
            byte[] bytes = in.readAllBytes();
            int channels = f.getChannels();
            int frames = bytes.length / (2 * channels);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            short[] out = new short[frames];
            for (int i = 0; i < frames; i++) {
                out[i] = b.getShort((i * channels + channel) * 2);
            }
            return new Audio(out, (int) f.getSampleRate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(file + ": not a WAV file the JDK can read: " + e.getMessage(), e);
        }
    }
}
