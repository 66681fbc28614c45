package io.switchboard.speech.tts;

import io.switchboard.speech.tts.ssml.Segment;
import io.switchboard.speech.tts.ssml.Speech;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a {@link Speech} into PCM with an engine that only speaks plain strings. Consecutive spoken spans
 * of the same rate become one chunk (so "call {@code <say-as>}400…{@code </say-as>} now" keeps one
 * intonation phrase); each {@code <break>} becomes exactly the silence asked for. The engine's own leading
 * and trailing silence around each chunk is trimmed to {@link #EDGE_MS}, so pauses are what the SSML says
 * and prompts start promptly.
 */
public final class ChunkedRenderer {
    /** Silence kept before and after each chunk of speech. */
    public static final int EDGE_MS = 40;
    /** Samples quieter than this (of 32767) count as silence when trimming edges. */
    private static final int SILENCE_LEVEL = 200;

    /** An engine voice that speaks one plain string at a rate. */
    public interface ChunkVoice {
        int sampleRate();

        /** PCM for {@code text} at {@code rate} (1.0 normal). */
        short[] speak(String text, double rate);
    }

    private ChunkedRenderer() {
    }

    /**
     * Renders {@code speech} for {@code request}'s rate.
     *
     * @param reading the language's reading of a span (say-as expansion, script conversion)
     */
    public static Synthesis render(Speech speech, double rate, Function<Segment.Spoken, String> reading, ChunkVoice voice) {
        if (speech.segments().isEmpty() || (speech.hasNoWords()
                && speech.segments().stream().noneMatch(s -> s instanceof Segment.Pause))) {
            throw new SynthesisException(SynthesisException.Reason.EMPTY_TEXT, "nothing to say: the text has no words");
        }
        int sr = voice.sampleRate();
        List<short[]> parts = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        double chunkRate = Double.NaN;
        for (Segment s : speech.segments()) {
            if (s instanceof Segment.Spoken spoken) {
                String words = reading.apply(spoken).strip();
                if (words.isEmpty()) {
                    continue;
                }
                double r = rate * spoken.rate();
                if (!chunk.isEmpty() && r != chunkRate) {
                    parts.add(trim(voice.speak(chunk.toString(), chunkRate), sr));
                    chunk.setLength(0);
                }
                if (!chunk.isEmpty()) {
                    chunk.append(' ');
                }
                chunk.append(words);
                chunkRate = r;
            } else if (s instanceof Segment.Pause pause) {
                if (!chunk.isEmpty()) {
                    parts.add(trim(voice.speak(chunk.toString(), chunkRate), sr));
                    chunk.setLength(0);
                }
                parts.add(new short[(int) (pause.duration().toNanos() * sr / 1_000_000_000L)]);
            }
        }
        if (!chunk.isEmpty()) {
            parts.add(trim(voice.speak(chunk.toString(), chunkRate), sr));
        }
        if (parts.isEmpty()) {
            throw new SynthesisException(SynthesisException.Reason.EMPTY_TEXT,
                    "nothing to say: the text has no words this voice can read");
        }
        return new Synthesis(concat(parts), sr);
    }

    /** Cuts leading and trailing silence down to {@link #EDGE_MS}. */
    static short[] trim(short[] pcm, int sampleRate) {
        int first = 0;
        while (first < pcm.length && Math.abs(pcm[first]) < SILENCE_LEVEL) {
            first++;
        }
        if (first == pcm.length) {
            return new short[0];
        }
        int last = pcm.length - 1;
        while (Math.abs(pcm[last]) < SILENCE_LEVEL) {
            last--;
        }
        int edge = sampleRate * EDGE_MS / 1000;
        return Arrays.copyOfRange(pcm, Math.max(0, first - edge), Math.min(pcm.length, last + 1 + edge));
    }

    private static short[] concat(List<short[]> parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
