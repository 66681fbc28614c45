package io.switchboard.customer.storage;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool that runs blocking JDBC off the lanes: as many threads as pooled connections and a
 * bounded queue, so a slow database shows up as rejected work ({@link StorageBusyException}) instead of an
 * unbounded backlog. Results complete on a storage thread; callers hop back to their lane themselves.
 */
public final class StorageExecutor implements AutoCloseable {
    private final ThreadPoolExecutor pool;

    public StorageExecutor(int threads, int queueCapacity) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> {
                    Thread t = new Thread(r, "storage-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Runs {@code work} on a storage thread; the future fails with the work's exception or when the queue is full. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StorageBusyException(pool.getQueue().size()));
        }
    }

    /** Work queued but not yet started. */
    public int backlog() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The storage queue is full: the database is not keeping up. */
    public static final class StorageBusyException extends RuntimeException {
        public StorageBusyException(int backlog) {
            super("storage is busy: " + backlog + " operations queued");
        }
    }
}
