package io.switchboard.core.lane;

import java.time.Duration;
import java.time.InstantSource;

/**
 * A single-threaded executor that owns some call state. Everything a call touches (transactions,
 * dialogs, legs) is read and written only from its lane, so that state needs no locks.
 * Timers are delivered as tasks on the same lane.
 */
public interface Lane {

    /** Runs {@code task} on this lane, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} on this lane once {@code delay} has passed on this lane's clock. */
    TimerHandle schedule(Duration delay, Runnable task);

    /** The clock timers are measured against. */
    InstantSource clock();

    /** True when the caller is running on this lane's thread. */
    boolean inLane();

    /**
     * Runs a lane task so that a failure is logged and the lane goes on: one bad call must not stop
     * the others on the lane. Every lane implementation runs its tasks through this.
     */
    static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            org.slf4j.LoggerFactory.getLogger(Lane.class).error("lane task failed; the lane goes on", e);
        }
    }

    /** A scheduled task that can be cancelled; cancelling a fired or cancelled timer does nothing. */
    interface TimerHandle {
        void cancel();

        TimerHandle NONE = () -> { };
    }
}
