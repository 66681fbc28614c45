package io.switchboard.channels.bridge;

import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.customer.storage.StorageExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores concurrent webhooks' messages in shared transactions (group commit): a message waits in a small queue, a
 * storage thread takes everything waiting (up to {@code maxBatch}), stores it with {@link MessageStore#insertAndAttachAll}
 * and commits once, and only then completes each waiter's future — so "stored before the platform is acknowledged"
 * holds per message while the commit is paid once per batch. A message that opens a conversation opens it in the batch
 * through the {@code opener} (may be null: it then stays pending). A batch that fails (a retried message id, a bad row,
 * a customer created elsewhere at that moment) is rolled back whole and redone one message per transaction, without
 * opening conversations, so one message's failure neither loses nor duplicates the
 * others, and a retry is still recognised exactly. At most {@code maxDrainers} batches are in flight at once; the
 * bridge's per-conversation chains keep a conversation's messages in separate, ordered batches.
 */
final class GroupCommit {
    private record Waiter(InboundMessage message, Instant receivedAt, CompletableFuture<Optional<MessageStore.Stored>> done) {
    }

    private final MessageStore store;
    private final MessageStore.Opener opener;
    private final StorageExecutor executor;
    private final int maxBatch;
    private final int maxDrainers;
    private final int capacity;
    private final ConcurrentLinkedQueue<Waiter> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger drainers = new AtomicInteger();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong redone = new AtomicLong();

    GroupCommit(MessageStore store, MessageStore.Opener opener, StorageExecutor executor, int maxBatch, int maxDrainers,
                int capacity) {
        if (maxBatch < 1 || maxDrainers < 1 || capacity < 1) {
            throw new IllegalArgumentException("maxBatch, maxDrainers and capacity must be positive");
        }
        this.store = store;
        this.opener = opener;
        this.executor = executor;
        this.maxBatch = maxBatch;
        this.maxDrainers = maxDrainers;
        this.capacity = capacity;
    }

    /**
     * Stores {@code m}; completes once it is committed (empty for a retry of a stored message), fails when storage does
     * or when {@code capacity} messages already wait.
     */
    CompletableFuture<Optional<MessageStore.Stored>> store(InboundMessage m, Instant receivedAt) {
        CompletableFuture<Optional<MessageStore.Stored>> done = new CompletableFuture<>();
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            done.completeExceptionally(new StorageExecutor.StorageBusyException(capacity));
            return done;
        }
        queue.add(new Waiter(m, receivedAt, done));
        startDrainer();
        return done;
    }

    private void startDrainer() {
        while (!queue.isEmpty()) {
            int n = drainers.get();
            if (n >= maxDrainers) {
                return;
            }
            if (drainers.compareAndSet(n, n + 1)) {
                executor.submit(() -> {
                    drainOnce();
                    return null;
                }).whenComplete((v, e) -> {
                    drainers.decrementAndGet();
                    if (e != null) {
                        failAll(e);
                    }
                    startDrainer();
                });
                return;
            }
        }
    }

    /** One batch: everything waiting, up to the limit, in one transaction. Runs on a storage thread. */
    private void drainOnce() {
        List<Waiter> batch = new ArrayList<>();
        for (Waiter w; batch.size() < maxBatch && (w = queue.poll()) != null; ) {
            batch.add(w);
        }
        queued.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            return;
        }
        batches.incrementAndGet();
        List<Optional<MessageStore.Stored>> results;
        try {
            results = store.insertAndAttachAll(batch.stream().map(Waiter::message).toList(),
                    batch.stream().map(Waiter::receivedAt).toList(), opener);
        } catch (RuntimeException e) {
            redone.incrementAndGet();
            for (Waiter w : batch) {
                try {
                    w.done.complete(store.insertAndAttach(w.message, w.receivedAt));
                } catch (RuntimeException one) {
                    w.done.completeExceptionally(one);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done.complete(results.get(i));
        }
    }

    /** The drainer could not run (storage queue full): what waits fails, nothing of it was stored. */
    private void failAll(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        for (Waiter w; (w = queue.poll()) != null; ) {
            queued.decrementAndGet();
            w.done.completeExceptionally(cause);
        }
    }

    /** Batches committed or redone, and batches redone one message at a time. */
    long batches() {
        return batches.get();
    }

    long redone() {
        return redone.get();
    }
}
