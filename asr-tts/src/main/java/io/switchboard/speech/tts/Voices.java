package io.switchboard.speech.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Chooses the engine for a voice given as a language tag, and speaks through it: the one
 * {@link SpeechSynthesizer} the rest of the system holds.
 *
 * <p>Engines are asked in the order given, so with {@code [MaryTTS, espeak-ng]} English ({@code en-*}) is
 * MaryTTS's {@code cmu-slt-hsmm}, Mandarin ({@code zh-CN}, {@code cmn}) espeak-ng's {@code cmn-latn-pinyin},
 * and any other tag espeak-ng's voice for that language when one is installed. {@code engine:tag}
 * (e.g. {@code espeak-ng:en-US}) asks one engine only. An unknown voice fails with the list of the
 * available ones.
 */
public final class Voices implements SpeechSynthesizer {
    private final List<SpeechSynthesizer> engines;

    /** Engines in order of preference. */
    public Voices(List<? extends SpeechSynthesizer> engines) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no speech synthesis engine");
        }
        this.engines = List.copyOf(engines);
    }

    /** The engine and engine voice for {@code voice} ({@code en-US}, {@code espeak-ng:fr}). */
    public VoiceChoice choose(String voice) {
        int colon = voice.indexOf(':');
        String wantedEngine = colon > 0 ? voice.substring(0, colon).trim() : null;
        String tag = colon >= 0 ? voice.substring(colon + 1) : voice;
        for (SpeechSynthesizer e : engines) {
            if (wantedEngine != null && !e.engine().equalsIgnoreCase(wantedEngine)) {
                continue;
            }
            Optional<String> v = e.voiceFor(tag);
            if (v.isPresent()) {
                return new VoiceChoice(e.engine(), v.get(), e);
            }
        }
        throw new SynthesisException(SynthesisException.Reason.UNKNOWN_VOICE,
                "no voice for \"" + voice + "\"; available: " + String.join(", ", available()));
    }

    /** Every voice tag, with the engine that speaks it when several could, e.g. {@code en-US (marytts)}. */
    public List<String> available() {
        List<String> out = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (SpeechSynthesizer e : engines) {
            for (String tag : e.languages()) {
                if (seen.add(tag)) {
                    out.add(tag + " (" + e.engine() + ")");
                }
            }
        }
        return out;
    }

    @Override
    public String engine() {
        return "router";
    }

    @Override
    public Optional<String> voiceFor(String languageTag) {
        try {
            return Optional.of(choose(languageTag).toString());
        } catch (SynthesisException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> languages() {
        return available();
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        return choose(request.voice()).synthesizer().synthesize(request);
    }
}
