package io.switchboard.app.voice;

import io.switchboard.core.lane.ExecutorLane;
import io.switchboard.ivr.exec.FlowEngine;
import io.switchboard.ivr.exec.FlowListener;
import io.switchboard.ivr.exec.JdkHttpFetcher;
import io.switchboard.ivr.exec.Limits;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.source.DefaultCatalog;
import io.switchboard.ivr.source.Problem;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.ivr.store.FlowWatcher;
import io.switchboard.speech.tts.TtsConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IVR of a node: the flow store (versions under {@code <data>/ivr}, working copies in
 * {@code conf/ivr}), the hot-reload watcher, the engine, the speech engines, and the call applications
 * that put them on calls. Built once at start-up by the composition root.
 */
public final class Ivr implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ivr.class);

    private final FlowStore store;
    private final FlowWatcher watcher;
    private final ExecutorLane watchLane;
    private final Speech speech;
    private final VoiceApplications applications;
    private final List<FlowListener> listeners;
    private final FlowEngine textEngine;

    private Ivr(FlowStore store, FlowWatcher watcher, ExecutorLane watchLane, Speech speech, VoiceApplications applications,
            List<FlowListener> listeners, FlowEngine textEngine) {
        this.listeners = listeners;
        this.textEngine = textEngine;
        this.store = store;
        this.watcher = watcher;
        this.watchLane = watchLane;
        this.speech = speech;
        this.applications = applications;
    }

    /** Starts the IVR; {@code queues} serve {@code enqueue}, {@code customers} answers the flows' {@code lookup}. */
    public static Ivr start(IvrConfig config, TtsConfig tts, Path confDir, Path dataDir, Queues queues, CustomerLookup customers) {
        Clock clock = Clock.systemUTC();
        Path flows = confDir.resolve(config.dir());
        FlowStore store = new FlowStore(flows, dataDir.resolve("ivr"), new DefaultCatalog(queues.queueNames()), clock);
        List<Problem> problems = store.load();
        for (Problem p : problems) {
            log.warn("ivr: not published: {}", p);
        }
        log.info("ivr: {} flows published from {} (numbers: {})", store.snapshot().all().size(), flows,
                store.snapshot().all().values().stream().flatMap(v -> v.flow().numbers().stream()).toList());
        ExecutorLane lane = new ExecutorLane("ivr-watch");
        FlowWatcher watcher = null;
        if (!config.watch().isZero()) {
            watcher = new FlowWatcher(store, lane, config.watch());
            watcher.start();
        }
        Speech speech = Speech.start(tts, dataDir);
        if (!store.snapshot().all().isEmpty()) {
            speech.preloadRecognizer();
        }
        List<FlowListener> listeners = new CopyOnWriteArrayList<>();
        FlowListener dispatch = e -> {
            for (FlowListener l : listeners) {
                l.onEvent(e);
            }
        };
        FlowEngine engine = new FlowEngine(Limits.defaults(), new JdkHttpFetcher(), customers, dispatch);
        // text conversations: people take minutes to answer, so no input timeout is shorter than that
        FlowEngine textEngine = new FlowEngine(Limits.defaults().withMinInputTimeout(Duration.ofMinutes(10)), new JdkHttpFetcher(),
                customers, dispatch);
        VoiceApplications apps = new VoiceApplications(store, engine, speech, queues, customers, confDir.resolve(config.sounds()),
                dataDir.resolve("voicemail"), clock);
        return new Ivr(store, watcher, lane, speech, apps, listeners, textEngine);
    }

    public FlowStore store() {
        return store;
    }

    /** Adds a listener for the events of every flow run (dashboards, tests); called on the calls' lanes. */
    public void onEvent(FlowListener listener) {
        listeners.add(listener);
    }

    /** The engine for text conversations (virtual calls of the text channels). */
    public FlowEngine textEngine() {
        return textEngine;
    }

    /** True once speech recognition is ready for calls (it loads in the background at start-up). */
    public boolean speechReady() {
        return speech.recognizerReady();
    }

    public VoiceApplications applications() {
        return applications;
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.stop();
        }
        try {
            watchLane.shutdown(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        applications.close();
        speech.close();
    }
}
