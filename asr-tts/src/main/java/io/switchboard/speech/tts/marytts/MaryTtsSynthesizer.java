package io.switchboard.speech.tts.marytts;

import io.switchboard.speech.tts.ChunkedRenderer;
import io.switchboard.speech.tts.SpeechSynthesizer;
import io.switchboard.speech.tts.Synthesis;
import io.switchboard.speech.tts.SynthesisException;
import io.switchboard.speech.tts.SynthesisRequest;
import io.switchboard.speech.tts.ssml.Speech;
import io.switchboard.speech.tts.text.EnglishReading;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sound.sampled.AudioInputStream;
import marytts.LocalMaryInterface;
import marytts.exceptions.MaryConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * US English through MaryTTS 5.2.1 in-process with the HSMM voice {@code cmu-slt-hsmm}, 16-bit mono at
 * 16 kHz: the voice's models describe 48 kHz, but {@link WidebandHtsEngine} vocodes at 16 kHz, a third of
 * the samples for audio that is only ever played at 8 kHz or recognised at 16 kHz. MaryTTS is a process-wide singleton, so this class is too: {@link #start()} starts it once and
 * warms it up, later calls return the same instance; {@link #lazy()} defers that to the first synthesis.
 *
 * <p>MaryTTS starts here without its JTok tokenizer (not on Maven Central): the system properties set in
 * {@link #start()} make it a command-line instance whose modules start lazily ({@code server=commandline}),
 * add {@link MaryTokenizer} to its modules, and keep its log4j output at WARN (log4j is routed to SLF4J
 * by log4j-over-slf4j). The first synthesis loads the lexicon, POS tagger and voice models; it is done
 * once on the starting thread, so concurrent callers never race MaryTTS's lazy start-up.
 *
 * <p>Threading: one {@link LocalMaryInterface} per thread (it carries per-request settings), created on
 * the thread's first call; MaryTTS's modules themselves are shared and reentrant.
 */
public final class MaryTtsSynthesizer implements SpeechSynthesizer {
    public static final String ENGINE = "marytts";
    public static final String VOICE = "cmu-slt-hsmm";
    /** The rate we have MaryTTS's vocoder produce (the voice's models describe 48 kHz; see {@link WidebandHtsEngine}). */
    public static final int SAMPLE_RATE = WidebandHtsEngine.RATE;
    private static final String WARM_UP = "Welcome to Switchboard. Press 1 for billing, or 2 to speak to an agent.";
    private static final Logger LOG = LoggerFactory.getLogger(MaryTtsSynthesizer.class);
    private static final MaryTtsSynthesizer INSTANCE = new MaryTtsSynthesizer();

    /** Null until MaryTTS has started and been warmed up. */
    private volatile Duration startupTime;
    private final ThreadLocal<LocalMaryInterface> local = ThreadLocal.withInitial(MaryTtsSynthesizer::newInterface);
    private final ChunkedRenderer.ChunkVoice voice = new ChunkedRenderer.ChunkVoice() {
        @Override
        public int sampleRate() {
            return SAMPLE_RATE;
        }

        @Override
        public short[] speak(String text, double rate) {
            return MaryTtsSynthesizer.this.speak(text, rate);
        }
    };

    private MaryTtsSynthesizer() {
    }

    /**
     * Starts MaryTTS (once per process) and warms it up; blocking, several seconds the first time.
     *
     * @throws SynthesisException ENGINE_UNAVAILABLE when MaryTTS cannot start
     */
    public static MaryTtsSynthesizer start() {
        INSTANCE.ensureStarted();
        return INSTANCE;
    }

    /**
     * The synthesizer without starting MaryTTS yet: it starts on the first {@link #synthesize}. For tools
     * that may not need English at all (the CLI speaking Mandarin should not wait for MaryTTS).
     */
    public static MaryTtsSynthesizer lazy() {
        return INSTANCE;
    }

    /** Cold start: MaryTTS start-up plus the warm-up synthesis (zero while not started). */
    public Duration startupTime() {
        Duration d = startupTime;
        return d == null ? Duration.ZERO : d;
    }

    private void ensureStarted() {
        if (startupTime != null) {
            return;
        }
        synchronized (this) {
            if (startupTime == null) {
                long t0 = System.nanoTime();
                System.setProperty("server", "commandline");
                System.setProperty("modules.classes.list",
                        MaryTokenizer.class.getName() + " " + WidebandHtsEngine.class.getName());
                vocodeAtSixteenKilohertz();
                System.setProperty("log4j.logger.marytts", "WARN, stderr");
                local.get();
                WidebandHtsEngine.configure(VOICE);
                long t1 = System.nanoTime();
                speak(WARM_UP, 1.0);
                long t2 = System.nanoTime();
                startupTime = Duration.ofNanos(t2 - t0);
                LOG.info("MaryTTS {} ready in {} ms (start {} ms, warm-up synthesis {} ms)", VOICE,
                        (t2 - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            }
        }
    }

    /**
     * The voice's declared audio format (read by MaryTTS from this system property when it loads the voice)
     * becomes 16 kHz; {@link WidebandHtsEngine#configure} sets the vocoder to match once the voice is loaded.
     */
    private static void vocodeAtSixteenKilohertz() {
        System.setProperty("voice." + VOICE + ".samplingRate", Integer.toString(WidebandHtsEngine.RATE));
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public Optional<String> voiceFor(String languageTag) {
        String t = SynthesisRequest.normalizeTag(languageTag);
        return t.equals("en") || t.startsWith("en-") ? Optional.of(VOICE) : Optional.empty();
    }

    @Override
    public List<String> languages() {
        return List.of("en-US");
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        if (voiceFor(request.languageTag()).isEmpty()) {
            throw new SynthesisException(SynthesisException.Reason.UNKNOWN_VOICE,
                    "MaryTTS speaks en-US only, not " + request.voice());
        }
        Speech speech = Speech.parse(request.text());
        ensureStarted();
        return ChunkedRenderer.render(speech, request.rate(), EnglishReading::read, voice);
    }

    private short[] speak(String text, double rate) {
        LocalMaryInterface mary = local.get();
        try (AudioInputStream audio = mary.generateAudio(MaryInput.document(text, rate))) {
            return MaryInput.toPcm(audio, SAMPLE_RATE);
        } catch (marytts.exceptions.SynthesisException | IOException | RuntimeException e) {
            throw new SynthesisException(SynthesisException.Reason.ENGINE_FAILURE,
                    "MaryTTS could not speak \"" + abbreviate(text) + "\": " + e.getMessage(), e);
        }
    }

    private static LocalMaryInterface newInterface() {
        try {
            LocalMaryInterface mary = new LocalMaryInterface();
            mary.setLocale(Locale.US);
            mary.setVoice(VOICE);
            mary.setInputType("RAWMARYXML");
            return mary;
        } catch (MaryConfigurationException | RuntimeException e) {
            throw new SynthesisException(SynthesisException.Reason.ENGINE_UNAVAILABLE,
                    "MaryTTS cannot start: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
