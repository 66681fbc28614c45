package io.switchboard.core.lane;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A lane on virtual time, for deterministic state-machine tests (STYLE principle 10, 12).
 * {@link #execute} only queues; nothing runs until the test calls {@link #runAll()} or
 * {@link #advance(Duration)}, which run queued tasks and fire due timers in time order (timers due
 * at the same instant fire in the order they were scheduled). The clock moves only when advanced.
 * Single-threaded: use it from the test thread only.
 */
public final class VirtualLane implements Lane {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final InstantSource clock = this::now;
    private final Instant epoch;
    private long nowNanos;
    private long sequence;
    private boolean running;

    /** A lane whose clock starts at {@code start}. */
    public VirtualLane(Instant start) {
        this.epoch = start;
    }

    /** A lane whose clock starts at 2000-01-01T00:00:00Z (far from the epoch, so "0" never looks valid). */
    public VirtualLane() {
        this(Instant.parse("2000-01-01T00:00:00Z"));
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    @Override
    public TimerHandle schedule(Duration delay, Runnable task) {
        long at = nowNanos + Math.max(0, delay.toNanos());
        Timer t = new Timer(at, sequence++, task);
        timers.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public boolean inLane() {
        return running;
    }

    /** The current virtual instant. */
    public Instant now() {
        return epoch.plusNanos(nowNanos);
    }

    /** Time elapsed on this lane since it was created. */
    public Duration elapsed() {
        return Duration.ofNanos(nowNanos);
    }

    /** Runs queued tasks and timers that are due now (including zero-delay timers they schedule). */
    public void runAll() {
        advance(Duration.ZERO);
    }

    /**
     * Moves the clock forward by {@code d}, running queued tasks and every timer due on the way in
     * time order; the clock shows each timer's due instant while it runs.
     */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + d);
        }
        long target = nowNanos + d.toNanos();
        while (true) {
            drainQueue();
            Timer next = nextLiveTimer();
            if (next == null || next.at > target) {
                break;
            }
            timers.poll();
            nowNanos = Math.max(nowNanos, next.at);
            run(next.task);
        }
        nowNanos = target;
        drainQueue();
    }

    /** Advances to and fires only the next pending timer; false when none is pending. */
    public boolean fireNext() {
        drainQueue();
        Timer next = nextLiveTimer();
        if (next == null) {
            return false;
        }
        advance(Duration.ofNanos(next.at - nowNanos));
        return true;
    }

    /** Runs everything, advancing time until no task or timer is left (timers must stop re-arming). */
    public void runUntilIdle() {
        while (fireNext()) {
            // fireNext advances the clock to each timer in turn
        }
    }

    /** Live (not cancelled) timers still pending. */
    public int pendingTimers() {
        return (int) timers.stream().filter(t -> !t.cancelled).count();
    }

    /** Tasks queued by {@link #execute} and not yet run. */
    public int queuedTasks() {
        return queue.size();
    }

    private Timer nextLiveTimer() {
        Timer t;
        while ((t = timers.peek()) != null && t.cancelled) {
            timers.poll();
        }
        return t;
    }

    private void drainQueue() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            run(r);
        }
    }

    private void run(Runnable task) {
        boolean outer = running;
        running = true;
        try {
            task.run();
        } finally {
            running = outer;
        }
    }

    private static final class Timer implements Comparable<Timer> {
        final long at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Timer(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
