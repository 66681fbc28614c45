package io.switchboard.speech.asr;

import io.switchboard.media.codec.G711;
import io.switchboard.media.resample.Resampler;
import io.switchboard.media.wav.WavReader;
import io.switchboard.testkit.Peers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test speech made by the espeak-ng command (Debian package {@code espeak-ng}; voice {@value #VOICE} at
 * {@value #WORDS_PER_MINUTE} words per minute, the setting that Vosk's small English model transcribes
 * best of the few tried), cached under {@code target/asr-speech/}, and the telephone versions of it.
 */
final class SpokenAudio {
    static final String VOICE = "en-us";
    static final int WORDS_PER_MINUTE = 140;
    private static final Path CACHE = Path.of("target", "asr-speech");

    private SpokenAudio() {
    }

    /** {@code text} spoken, as 16 kHz mono PCM. */
    static short[] wideband(String text) {
        var wav = read(text);
        return Resampler.resample(wav.mono(), wav.sampleRate(), 16000);
    }

    /** {@code text} spoken, at 8 kHz and through G.711 (µ-law or A-law) and back: what a phone call carries. */
    static short[] telephone(String text, boolean alaw) {
        var wav = read(text);
        return companded(Resampler.resample(wav.mono(), wav.sampleRate(), 8000), alaw);
    }

    /** {@code pcm} encoded with G.711 and decoded again. */
    static short[] companded(short[] pcm, boolean alaw) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = alaw ? G711.alawToLinear(G711.linearToAlaw(pcm[i])) : G711.ulawToLinear(G711.linearToUlaw(pcm[i]));
        }
        return out;
    }

    static short[] silence(int millis, int rate) {
        return new short[millis * rate / 1000];
    }

    static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int k = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    /** Feeds {@code pcm} in 20 ms frames, as the media tick does (without pacing). */
    static void feedFrames(RecognitionStream stream, short[] pcm, int rate) {
        int frame = rate / 50;
        for (int i = 0; i < pcm.length; i += frame) {
            short[] f = new short[Math.min(frame, pcm.length - i)];
            System.arraycopy(pcm, i, f, 0, f.length);
            stream.feed(f);
        }
    }

    /** The sentences of a test resource, one per line, without blank and {@code #} lines. */
    static List<String> sentences(String resource) {
        try (var in = SpokenAudio.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The espeak-ng WAV file of {@code text} (made on first use). */
    static Path wavFile(String text) {
        try {
            Files.createDirectories(CACHE);
            Path wav = CACHE.resolve(key(text) + ".wav");
            if (!Files.exists(wav)) {
                Path espeak = Peers.require("espeak-ng", "espeak-ng");
                Path tmp = Files.createTempFile(CACHE, "speak", ".wav");
                Process p = new ProcessBuilder(espeak.toString(), "-v", VOICE, "-s", String.valueOf(WORDS_PER_MINUTE),
                        "-w", tmp.toString(), text).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("espeak-ng failed for '" + text + "': " + output);
                }
                Files.move(tmp, wav, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return wav;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static io.switchboard.media.wav.WavAudio read(String text) {
        try {
            return WavReader.read(wavFile(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((VOICE + "|" + WORDS_PER_MINUTE + "|" + text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
