package io.switchboard.speech.asr.vosk;

import io.switchboard.speech.asr.PooledRecognitionStream;
import io.switchboard.speech.asr.RecognitionRequest;
import io.switchboard.speech.asr.RecognitionStream;
import io.switchboard.speech.asr.RecognizerCounters;
import io.switchboard.speech.asr.RecognizerStats;
import io.switchboard.speech.asr.SpeechModelException;
import io.switchboard.speech.asr.SpeechRecognizer;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * Vosk (Kaldi) speech recognition: one {@link Model} in memory, shared by every stream, decoded on a
 * fixed pool of worker threads (one per core by default).
 *
 * <p>Input at 8 kHz (telephony) is upsampled to the model's rate (16 kHz for the bundled English model)
 * with our own band-limited {@link io.switchboard.media.resample.Resampler}: fed 8 kHz directly, Vosk
 * returns empty text unless the model's {@code mfcc.conf} allows upsampling, and we do not edit models.
 * Grammar mode passes the phrase list plus {@code [unk]} to Vosk (about ten times cheaper than free
 * form, and behaves as a loop over the phrases: match intents by keyword).
 *
 * <p>The pool's task queue holds at most one drain per stream, so it is bounded by the number of open
 * streams; each stream bounds its own audio backlog ({@link RecognitionRequest#maxBacklog()}).
 */
public final class VoskRecognizer implements SpeechRecognizer {
    private static final Logger log = LoggerFactory.getLogger(VoskRecognizer.class);

    private final VoskModelDirectory directory;
    private final Model model;
    private final ThreadPoolExecutor pool;
    private final RecognizerCounters counters = new RecognizerCounters();
    private final Set<PooledRecognitionStream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Loads the model in {@code directory}, decoding on {@code threads} workers. Blocks while loading (seconds). */
    public VoskRecognizer(VoskModelDirectory directory, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.directory = directory;
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        log.info("loading Vosk model {} ({} Hz, grammar {})...", directory.path(), directory.sampleRate(),
                directory.grammarCapable() ? "supported" : "not supported");
        long t0 = System.nanoTime();
        try {
            this.model = new Model(directory.path().toString());
        } catch (IOException | RuntimeException e) {
            throw new SpeechModelException(directory.path(), "Vosk could not load the model in "
                    + directory.path() + ": " + e.getMessage() + " (Kaldi's reason is on stderr)", e);
        }
        log.info("Vosk model {} loaded in {} ms; {} decoder threads", directory.path().getFileName(),
                (System.nanoTime() - t0) / 1_000_000, threads);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "asr-vosk-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Loads the model in {@code directory} with one decoder thread per available core. */
    public VoskRecognizer(VoskModelDirectory directory) {
        this(directory, Runtime.getRuntime().availableProcessors());
    }

    /** The bundled (or {@value VoskModelDirectory#PROPERTY}-configured) model, one decoder thread per core. */
    public static VoskRecognizer withDefaultModel() {
        return new VoskRecognizer(VoskModelDirectory.locate());
    }

    public VoskModelDirectory directory() {
        return directory;
    }

    @Override
    public RecognitionStream open(RecognitionRequest request) {
        if (closed) {
            throw new IllegalStateException("the Vosk recognizer for " + directory.path() + " is closed");
        }
        if (request.isGrammar() && !directory.grammarCapable()) {
            throw new IllegalArgumentException("the Vosk model " + directory.path() + " has a static graph "
                    + "(graph/HCLG.fst): grammar mode needs graph/HCLr.fst and graph/Gr.fst");
        }
        String grammar = request.isGrammar() ? VoskJson.grammar(request.grammar()) : null;
        int rate = directory.sampleRate();
        PooledRecognitionStream stream = new PooledRecognitionStream(request,
                () -> new VoskDecoder(model, rate, grammar), pool, counters, streams::remove);
        streams.add(stream);
        return stream;
    }

    @Override
    public RecognizerStats stats() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PooledRecognitionStream s : streams) {
            s.fail("the recognizer is closed");
        }
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        model.close();
    }
}
