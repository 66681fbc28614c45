package io.switchboard.ivr.store;

import io.switchboard.core.lane.Lane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: looks at the flow files of the conf directory every {@code interval} (polling, on a lane's
 * timers — portable, and testable on virtual time) and hands each file whose text changed to
 * {@link FlowStore#reload}. A file that stays invalid is reported once, not at every look.
 */
public final class FlowWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(FlowWatcher.class);

    private final FlowStore store;
    private final Lane lane;
    private final Duration interval;
    private final Map<Path, String> seen = new HashMap<>();
    private Lane.TimerHandle timer = Lane.TimerHandle.NONE;
    private boolean running;

    public FlowWatcher(FlowStore store, Lane lane, Duration interval) {
        this.store = store;
        this.lane = lane;
        this.interval = interval;
    }

    /** Starts looking (the files as they are now count as seen). */
    public void start() {
        lane.execute(() -> {
            if (!running) {
                running = true;
                for (Path p : store.confFiles()) {
                    seen.put(p, read(p));
                }
                timer = lane.schedule(interval, this::tick);
            }
        });
    }

    /** Stops looking. */
    public void stop() {
        lane.execute(() -> {
            running = false;
            timer.cancel();
        });
    }

    /** Looks once now. */
    public void scan() {
        for (Path p : store.confFiles()) {
            String text = read(p);
            if (text != null && !text.equals(seen.get(p))) {
                seen.put(p, text);
                store.reload(p);
            }
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("ivr: looking for changed flow files failed", e);
        }
        timer = lane.schedule(interval, this::tick);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }
}
