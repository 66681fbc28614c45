package io.switchboard.speech.asr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link RecognitionStream} is asked to do.
 *
 * @param sampleRate the rate of the 16-bit mono PCM that will be fed: 8000 (telephony, G.711/Opus
 *                   narrowband decoded) or 16000 (wideband devices). The engine resamples to its model's
 *                   rate itself.
 * @param grammar    phrases to listen for (grammar mode: much cheaper, and immune to words outside the
 *                   menu), lower-cased; {@code null} for free-form dictation
 * @param endpointing when an utterance ends and when no input is declared
 * @param maxBacklog audio the decoder may lag behind the producer before frames are dropped and the
 *                   stream fails (the bound of the per-stream queue)
 */
public record RecognitionRequest(int sampleRate, List<String> grammar, Endpointing endpointing,
                                 Duration maxBacklog) {

    /** Rates a producer may feed. */
    public static final List<Integer> SAMPLE_RATES = List.of(8000, 16000);
    public static final Duration DEFAULT_MAX_BACKLOG = Duration.ofSeconds(3);

    public RecognitionRequest {
        if (!SAMPLE_RATES.contains(sampleRate)) {
            throw new IllegalArgumentException("unsupported sample rate " + sampleRate
                    + " Hz: feed 8000 or 16000 Hz PCM (resample other rates first)");
        }
        grammar = grammar == null ? null : normalize(grammar);
        Objects.requireNonNull(endpointing, "endpointing");
        Objects.requireNonNull(maxBacklog, "maxBacklog");
        if (maxBacklog.toMillis() < 20) {
            throw new IllegalArgumentException("maxBacklog must hold at least one 20 ms frame, not " + maxBacklog);
        }
    }

    /** Free-form recognition of {@code sampleRate} PCM with default endpointing. */
    public static RecognitionRequest freeForm(int sampleRate) {
        return new RecognitionRequest(sampleRate, null, Endpointing.DEFAULT, DEFAULT_MAX_BACKLOG);
    }

    /** Grammar-mode recognition of {@code phrases} in {@code sampleRate} PCM with default endpointing. */
    public static RecognitionRequest grammar(int sampleRate, List<String> phrases) {
        return new RecognitionRequest(sampleRate, Objects.requireNonNull(phrases, "phrases"), Endpointing.DEFAULT,
                DEFAULT_MAX_BACKLOG);
    }

    public boolean isGrammar() {
        return grammar != null;
    }

    public RecognitionRequest withEndpointing(Endpointing e) {
        return new RecognitionRequest(sampleRate, grammar, e, maxBacklog);
    }

    public RecognitionRequest withMaxBacklog(Duration d) {
        return new RecognitionRequest(sampleRate, grammar, endpointing, d);
    }

    private static List<String> normalize(List<String> phrases) {
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("a grammar needs at least one phrase (use null for free-form)");
        }
        List<String> out = new ArrayList<>(phrases.size());
        for (int i = 0; i < phrases.size(); i++) {
            String p = phrases.get(i);
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("grammar phrase " + (i + 1) + " is blank");
            }
            out.add(p.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }
}
