package io.switchboard.speech.tts;

import java.util.List;
import java.util.Optional;

/**
 * A text-to-speech engine: text or an SSML subset in, PCM at the engine's own rate out.
 *
 * <p>Why this shape: engines differ in everything (MaryTTS is a Java pipeline at 16 kHz, espeak-ng a C
 * library at 22.05 kHz with global state), while the IVR only needs "these words, this voice, as audio".
 * {@link #synthesize} blocks for as long as the engine needs (tens to hundreds of milliseconds), so it is
 * called on a bounded worker pool ({@link SynthesisPool}), never on a lane or an event loop.
 * Implementations are safe to call from several pool threads at once.
 */
public interface SpeechSynthesizer {

    /** Short engine name used in cache keys and logs, e.g. {@code marytts}, {@code espeak-ng}. */
    String engine();

    /**
     * The engine's own voice for a BCP 47 language tag ({@code en-US}, {@code zh-CN}), or empty when this
     * engine cannot speak that language.
     */
    Optional<String> voiceFor(String languageTag);

    /** The language tags this engine speaks, for listing to operators. */
    List<String> languages();

    /**
     * Speaks {@code request}. Blocking.
     *
     * @throws SynthesisException with a {@link SynthesisException.Reason} for bad input (empty text,
     *         malformed SSML, unknown voice) or an engine failure
     */
    Synthesis synthesize(SynthesisRequest request);
}
