package io.switchboard.app.voice;

import io.switchboard.routing.acd.AcdEvent;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ACD's recent events for dashboards, numbered: a client asks for the events after the last number it
 * saw and, when there are none yet, waits (long polling) until one happens or its wait runs out. Keeps the
 * last {@value #KEEP} events; a client that fell further behind is told so ({@code missed}).
 */
public final class AcdEventLog {
    static final int KEEP = 2000;

    /** One page: the events after the requested number, the number to ask after next, and whether some were dropped. */
    public record Page(List<Map<String, Object>> events, long next, boolean missed) {
    }

    private final InstantSource clock;
    private final Deque<Map<String, Object>> events = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
    private long last;

    public AcdEventLog(InstantSource clock) {
        this.clock = clock;
    }

    /** Records an event (the ACD lane calls this). */
    public void on(AcdEvent e) {
        List<CompletableFuture<Void>> wake;
        synchronized (this) {
            last++;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", last);
            m.put("at", clock.instant().toString());
            m.put("type", e.getClass().getSimpleName());
            m.put("event", e);
            events.addLast(m);
            if (events.size() > KEEP) {
                events.removeFirst();
            }
            wake = new ArrayList<>(waiters);
            waiters.clear();
        }
        wake.forEach(f -> f.complete(null));
    }

    /** The events after {@code after}; when there are none, completes once one happens or after {@code wait}. */
    public CompletableFuture<Page> after(long after, Duration wait) {
        CompletableFuture<Void> signal;
        synchronized (this) {
            if (last > after || wait.isZero()) {
                return CompletableFuture.completedFuture(page(after));
            }
            signal = new CompletableFuture<>();
            waiters.add(signal);
        }
        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS).execute(() -> signal.complete(null));
        return signal.thenApply(v -> {
            synchronized (this) {
                waiters.remove(signal);
                return page(after);
            }
        });
    }

    private Page page(long after) {
        List<Map<String, Object>> out = new ArrayList<>();
        long oldest = last - events.size() + 1;
        for (Map<String, Object> m : events) {
            if ((long) m.get("seq") > after) {
                out.add(m);
            }
        }
        return new Page(out, last, events.size() > 0 && after + 1 < oldest);
    }
}
