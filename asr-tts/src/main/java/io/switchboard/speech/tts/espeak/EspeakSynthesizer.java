package io.switchboard.speech.tts.espeak;

import io.switchboard.speech.tts.ChunkedRenderer;
import io.switchboard.speech.tts.SpeechSynthesizer;
import io.switchboard.speech.tts.Synthesis;
import io.switchboard.speech.tts.SynthesisException;
import io.switchboard.speech.tts.SynthesisRequest;
import io.switchboard.speech.tts.ssml.Segment;
import io.switchboard.speech.tts.ssml.Speech;
import io.switchboard.speech.tts.text.DigitGroups;
import io.switchboard.speech.tts.text.EnglishReading;
import io.switchboard.speech.tts.text.MandarinReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Mandarin and every other language espeak-ng has a voice for, through libespeak-ng in-process (JNA),
 * 16-bit mono at 22 050 Hz.
 *
 * <p>Mandarin ({@code zh}, {@code zh-CN}, {@code cmn…}) uses the voice {@code cmn-latn-pinyin} fed with
 * pinyin from {@link MandarinReading}: the plain {@code cmn} voice reads Chinese characters badly
 * (espeak-ng issue #1236). Other tags pick the installed voice whose language matches best (exact tag,
 * then the language without region). Calls are serialised: espeak-ng is one global C state.
 */
public final class EspeakSynthesizer implements SpeechSynthesizer {
    public static final String ENGINE = "espeak-ng";
    /** espeak-ng's Mandarin voice that reads pinyin with tone numbers. */
    public static final String MANDARIN_VOICE = "cmn-latn-pinyin";
    /** espeak-ng's default pace in words per minute. */
    private static final int NORMAL_WPM = 175;
    private static final Set<String> MANDARIN_TAGS = Set.of("zh", "zh-cn", "zh-hans", "zh-hans-cn", "zh-sg", "cmn",
            "cmn-cn", "cmn-hans", "cmn-hans-cn", "zh-cmn", "cmn-latn-pinyin");

    private final EspeakNative espeak;

    private EspeakSynthesizer(EspeakNative espeak) {
        this.espeak = espeak;
    }

    /**
     * Loads libespeak-ng.so.1 (once per process).
     *
     * @throws SynthesisException ENGINE_UNAVAILABLE, naming the Debian packages to install, when it is missing
     */
    public static EspeakSynthesizer open() {
        return new EspeakSynthesizer(EspeakNative.get());
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    public int sampleRate() {
        return espeak.sampleRate();
    }

    /** The installed voices. */
    public List<EspeakVoice> installedVoices() {
        return espeak.voices();
    }

    @Override
    public Optional<String> voiceFor(String languageTag) {
        return voice(languageTag).map(EspeakVoice::shortName);
    }

    @Override
    public List<String> languages() {
        Set<String> tags = new TreeSet<>();
        tags.add("zh-CN");
        for (EspeakVoice v : espeak.voices()) {
            if (!v.languages().isEmpty()) {
                tags.add(v.languages().get(0));
            }
        }
        return new ArrayList<>(tags);
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        EspeakVoice voice = voice(request.languageTag()).orElseThrow(() -> new SynthesisException(
                SynthesisException.Reason.UNKNOWN_VOICE, "espeak-ng has no voice for " + request.voice()));
        boolean mandarin = voice.shortName().equals(MANDARIN_VOICE);
        boolean english = voice.languages().stream().anyMatch(l -> l.equals("en") || l.startsWith("en-"));
        Function<Segment.Spoken, String> reading = mandarin ? MandarinReading::read
                : english ? EnglishReading::read : EspeakSynthesizer::readGeneric;
        ChunkedRenderer.ChunkVoice chunks = new ChunkedRenderer.ChunkVoice() {
            @Override
            public int sampleRate() {
                return espeak.sampleRate();
            }

            @Override
            public short[] speak(String text, double rate) {
                int wpm = (int) Math.round(Math.max(80, Math.min(450, NORMAL_WPM * rate)));
                return espeak.speak(voice.identifier(), text, wpm);
            }
        };
        return ChunkedRenderer.render(Speech.parse(request.text()), request.rate(), reading, chunks);
    }

    /** The best installed voice for {@code tag}: exact language, then the language without its region. */
    Optional<EspeakVoice> voice(String tag) {
        String t = SynthesisRequest.normalizeTag(tag);
        if (MANDARIN_TAGS.contains(t)) {
            t = MANDARIN_VOICE;
        }
        EspeakVoice best = null;
        int bestScore = Integer.MAX_VALUE;
        String language = t.contains("-") ? t.substring(0, t.indexOf('-')) : t;
        for (EspeakVoice v : espeak.voices()) {
            int score;
            if (v.shortName().equals(t)) {
                score = 0;
            } else if (v.languages().contains(t)) {
                score = 10 + v.languages().indexOf(t);
            } else if (v.languages().contains(language) && !t.equals(MANDARIN_VOICE)) {
                score = 100 + v.languages().indexOf(language);
            } else {
                continue;
            }
            if (score < bestScore) {
                best = v;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Say-as for languages without a reading of our own: digits spaced out, groups separated by commas. */
    private static String readGeneric(Segment.Spoken span) {
        return switch (span.sayAs()) {
            case NORMAL -> span.text();
            case DIGITS, CHARACTERS -> spaced(span.text());
            case TELEPHONE -> String.join(", ", DigitGroups.telephone(span.text()).stream().map(EspeakSynthesizer::spaced).toList());
        };
    }

    private static String spaced(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().filter(Character::isLetterOrDigit).forEach(cp -> {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.appendCodePoint(cp);
        });
        return b.toString();
    }
}
