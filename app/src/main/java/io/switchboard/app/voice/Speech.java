package io.switchboard.app.voice;

import io.switchboard.speech.asr.SpeechModelException;
import io.switchboard.speech.asr.SpeechRecognizer;
import io.switchboard.speech.asr.vosk.VoskModelDirectory;
import io.switchboard.speech.asr.vosk.VoskRecognizer;
import io.switchboard.speech.tts.espeak.EspeakSynthesizer;
import io.switchboard.speech.tts.marytts.MaryTtsSynthesizer;
import io.switchboard.speech.tts.SpeechSynthesizer;
import io.switchboard.speech.tts.SynthesisException;
import io.switchboard.speech.tts.SynthesisPool;
import io.switchboard.speech.tts.TtsConfig;
import io.switchboard.speech.tts.Voices;
import io.switchboard.speech.tts.cache.PromptCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speech engines of a running switch, shared by every voice call: the TTS voices (MaryTTS for
 * English, espeak-ng for Chinese and the rest), the synthesis pool and prompt cache, and the Vosk
 * recognizer. Engines start lazily: MaryTTS on the first English prompt, Vosk on the first speech
 * input, so a switch without speech flows pays nothing.
 */
public final class Speech implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Speech.class);

    private final Voices voices;
    private final SynthesisPool pool;
    private final PromptCache prompts;
    private final Object asrLock = new Object();
    private SpeechRecognizer recognizer;
    private String asrProblem;
    private boolean closed;

    private Speech(Voices voices, SynthesisPool pool, PromptCache prompts) {
        this.voices = voices;
        this.pool = pool;
        this.prompts = prompts;
    }

    /** The engines for {@code config}, the cache under {@code dataDir} unless the config names an absolute one. */
    public static Speech start(TtsConfig config, Path dataDir) {
        List<SpeechSynthesizer> engines = new ArrayList<>();
        engines.add(MaryTtsSynthesizer.lazy());
        try {
            engines.add(EspeakSynthesizer.open());
        } catch (SynthesisException e) {
            log.warn("tts: {}; only English prompts can be spoken", e.getMessage());
        }
        Voices voices = new Voices(engines);
        SynthesisPool pool = config.poolThreads() == 0 ? SynthesisPool.forCores(voices)
                : new SynthesisPool(voices, config.poolThreads(), config.poolQueue());
        Path cacheDir = config.cacheDir().isAbsolute() ? config.cacheDir() : dataDir.resolve(relativeToData(config.cacheDir()));
        log.info("tts: voices for {}, prompt cache {}", voices.languages(), cacheDir);
        return new Speech(voices, pool, new PromptCache(voices, cacheDir, config.cacheMemory()));
    }

    /** {@code data/tts-cache} (the default, relative to the working directory) becomes {@code tts-cache} under the data dir. */
    private static Path relativeToData(Path p) {
        return p.getNameCount() > 1 && p.getName(0).toString().equals("data") ? p.subpath(1, p.getNameCount()) : p;
    }

    public Voices voices() {
        return voices;
    }

    public SynthesisPool pool() {
        return pool;
    }

    public PromptCache prompts() {
        return prompts;
    }

    /**
     * Loads the recognizer in the background (a model takes a second or more to load: never on a call's
     * lane). Until it is ready, flows take keys only.
     */
    public void preloadRecognizer() {
        Thread t = new Thread(this::load, "asr-load");
        t.setDaemon(true);
        t.start();
    }

    /** The recognizer once loaded; empty while it loads or when no Vosk model is installed (the reason is logged once). */
    public Optional<SpeechRecognizer> recognizer() {
        synchronized (asrLock) {
            return Optional.ofNullable(recognizer);
        }
    }

    /** True once the recognizer has loaded. */
    public boolean recognizerReady() {
        return recognizer().isPresent();
    }

    private void load() {
        synchronized (asrLock) {
            if (recognizer != null || asrProblem != null) {
                return;
            }
        }
        SpeechRecognizer loaded = null;
        String problem = null;
        try {
            VoskModelDirectory dir = VoskModelDirectory.locate();
            log.info("asr: loading the Vosk model {}", dir.path());
            loaded = new VoskRecognizer(dir);
            log.info("asr: Vosk model loaded ({} Hz); speech input is on", dir.sampleRate());
        } catch (SpeechModelException | UnsatisfiedLinkError e) {
            problem = e.getMessage();
            log.warn("asr: speech input is off: {}", problem);
        }
        synchronized (asrLock) {
            if (!closed) {
                recognizer = loaded;
                asrProblem = problem;
                return;
            }
        }
        closeQuietly(loaded);
    }

    private static void closeQuietly(SpeechRecognizer r) {
        if (r != null) {
            try {
                r.close();
            } catch (Exception e) {
                log.debug("asr: closing the recognizer: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        pool.close();
        SpeechRecognizer r;
        synchronized (asrLock) {
            closed = true;
            r = recognizer;
            recognizer = null;
        }
        closeQuietly(r);
    }
}
