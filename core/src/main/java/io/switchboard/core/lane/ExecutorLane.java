package io.switchboard.core.lane;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A lane backed by one platform thread and its delay queue (wall-clock time). */
public final class ExecutorLane implements Lane {

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    public ExecutorLane(String name) {
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.prestartCoreThread();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public TimerHandle schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return TimerHandle.NONE;
        }
        ScheduledFuture<?> f = executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }

    @Override
    public boolean inLane() {
        return Thread.currentThread() == thread;
    }

    /** Stops accepting work and waits up to {@code grace} for queued tasks to finish. */
    public void shutdown(Duration grace) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(Runnable task) {
        return () -> Lane.runGuarded(task);
    }
}
