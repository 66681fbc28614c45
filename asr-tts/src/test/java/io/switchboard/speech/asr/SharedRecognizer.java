package io.switchboard.speech.asr;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.switchboard.speech.asr.vosk.VoskRecognizer;
import java.time.Duration;
import java.util.List;

/**
 * One Vosk recognizer with the bundled English model for all tests in the JVM (loading takes seconds),
 * and a helper that recognises a whole signal.
 */
final class SharedRecognizer {
    private static VoskRecognizer recognizer;

    /** The C library's {@code srand}: Kaldi seeds each utterance's dither from the process-wide {@code rand()}. */
    private interface LibC extends Library {
        void srand(int seed);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private SharedRecognizer() {
    }

    static synchronized VoskRecognizer get() {
        if (recognizer == null) {
            recognizer = VoskRecognizer.withDefaultModel();
        }
        return recognizer;
    }

    /** All events of {@code pcm} fed in 20 ms frames then finished (backlog large enough for the whole signal). */
    static List<RecognitionEvent> recognize(RecognitionRequest request, short[] pcm) {
        RecognitionRequest r = request.withMaxBacklog(
                Duration.ofMillis(pcm.length * 1000L / request.sampleRate() + 1000));
        VoskRecognizer vosk = get();
        // Kaldi dithers the features with a generator seeded from the process-wide rand(): without a fixed
        // seed, the same audio decodes differently depending on what the JVM decoded before (test order).
        LIBC.srand(1);
        try (RecognitionStream stream = vosk.open(r)) {
            var events = stream.events().toList();
            var result = events.toFuture();
            SpokenAudio.feedFrames(stream, pcm, r.sampleRate());
            stream.finish();
            try {
                return result.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("recognition did not complete: " + e, e);
            }
        }
    }

    /** The texts of the {@code Final}s, joined by spaces. */
    static String transcript(List<RecognitionEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (RecognitionEvent e : events) {
            if (e instanceof RecognitionEvent.Final f && !f.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(f.text());
            }
        }
        return sb.toString();
    }
}
