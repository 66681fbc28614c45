package io.switchboard.channels.bridge;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelException;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.OutboundMessage;
import io.switchboard.core.lane.Lane;
import io.switchboard.core.lane.LaneGroup;
import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.storage.StorageExecutor;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns channel messages into conversations (ARCHITECTURE, "a text message, end to end"): {@link #ingest} stores
 * a message durably and completes only then — the webhook acknowledges the platform after that — and a retry
 * of a stored message is recognised and dropped. A message whose user has an open conversation joins it in the
 * transaction that stores it; any other is then resolved to a customer and opens a conversation. Either way it is
 * handed to the {@link ConversationHandler} on the conversation's lane, strictly in arrival order. Messages stored but
 * not processed before a crash are processed by {@link #recover()}. Concurrent messages of different conversations
 * share a transaction ({@link GroupCommit}); a conversation has one message in storage at a time.
 */
public final class ChannelBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelBridge.class);
    /** Group commit: messages per transaction, transactions in flight (the rest of the pool opens conversations), queue. */
    private static final int MAX_BATCH = 64;
    private static final int MAX_BATCHES_IN_FLIGHT = 2;
    private static final int MAX_WAITING = 10_000;

    private final Map<String, ChannelAdapter> adapters = new ConcurrentHashMap<>();
    private final MessageStore store;
    private final GroupCommit commits;
    private final ConversationResolver resolver;
    private final StorageExecutor executor;
    private final LaneGroup lanes;
    private final InstantSource clock;
    private final Duration idle;
    private final KeyedChains inbound;
    private final KeyedChains outbound;
    private final ReplyWindow window = new ReplyWindow();
    private final PassiveReplies passive = new PassiveReplies();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private volatile ConversationHandler handler = new ConversationHandler() {
        @Override
        public void message(Conversation c, StoredMessage m, boolean opened) {
        }

        @Override
        public void closed(Conversation c, String reason) {
        }
    };
    private volatile Lane.TimerHandle sweep = Lane.TimerHandle.NONE;
    private volatile boolean closed;

    public ChannelBridge(CustomerStorage customers, StorageExecutor executor, LaneGroup lanes, InstantSource clock,
                         Duration idle) {
        this.store = new MessageStore(customers.database());
        this.resolver = new ConversationResolver(customers, store, adapters);
        this.commits = new GroupCommit(store, resolver::openIn, executor, MAX_BATCH, MAX_BATCHES_IN_FLIGHT, MAX_WAITING);
        this.executor = executor;
        this.lanes = lanes;
        this.clock = clock;
        this.idle = idle;
        this.inbound = new KeyedChains(lanes);
        this.outbound = new KeyedChains(lanes);
    }

    public void register(ChannelAdapter adapter) {
        adapters.put(adapter.channel(), adapter);
    }

    public void handler(ConversationHandler h) {
        this.handler = h;
    }

    public ChannelAdapter adapter(String channel) {
        ChannelAdapter a = adapters.get(channel);
        if (a == null) {
            throw new IllegalArgumentException("no channel '" + channel + "' is registered");
        }
        return a;
    }

    public PassiveReplies passive() {
        return passive;
    }

    public MessageStore store() {
        return store;
    }

    public Lane laneOf(String conversationKey) {
        return lanes.laneFor(conversationKey);
    }

    /**
     * Stores {@code m}; the future completes (with the stored message, or empty for a retry of a stored one) once it is
     * durable, and fails when storage does — then the platform must not be acknowledged. Processing follows.
     */
    public CompletableFuture<Optional<StoredMessage>> ingest(InboundMessage m) {
        CompletableFuture<Optional<StoredMessage>> ack = new CompletableFuture<>();
        inbound.then(m.conversationKey(), () -> commits.store(m, clock.instant())
                .whenComplete((v, e) -> {
                    if (e != null) {
                        ack.completeExceptionally(e);
                    } else {
                        (v.isPresent() ? stored : duplicates).incrementAndGet();
                        ack.complete(v.map(MessageStore.Stored::message));
                    }
                })
                .thenCompose(v -> v.isEmpty() ? CompletableFuture.completedFuture(null)
                        : v.get().conversation().isPresent()
                                ? handOver(v.get().message(), v.get().conversation().get(), v.get().opened())
                                .exceptionally(e -> {
                                    LOG.warn("channels: handler failed on message {} of {}: {}", v.get().message().id(),
                                            m.conversationKey(), e.toString());
                                    return null;
                                })
                        : process(v.get().message(), false)));
        return ack;
    }

    /** Processes what was stored but not processed (after a crash); completes with how many. */
    public CompletableFuture<Integer> recover() {
        return executor.submit(store::pending).thenApply(list -> {
            list.forEach(sm -> inbound.then(sm.message().conversationKey(), () -> process(sm, true)));
            if (!list.isEmpty()) {
                LOG.info("channels: {} stored message(s) were not processed before the last stop; processing them", list.size());
            }
            return list.size();
        });
    }

    private CompletableFuture<Void> process(StoredMessage sm, boolean mayBeOpen) {
        String key = sm.message().conversationKey();
        return executor.submit(() -> resolver.attach(sm, clock.instant(), mayBeOpen))
                .thenCompose(r -> handOver(sm, r.conversation(), r.opened())).exceptionally(e -> {
            LOG.warn("channels: message {} of {} not processed (retried at restart): {}", sm.id(), key, e.toString());
            return null;
        });
    }

    /** Gives a message that reached its conversation to the handler, on the conversation's lane. */
    private CompletableFuture<Void> handOver(StoredMessage sm, Conversation c, boolean opened) {
        return onLane(c.key(), () -> {
            window.inbound(c.key(), clock.instant());
            processed.incrementAndGet();
            handler.message(c, sm, opened);
        });
    }

    /**
     * Sends {@code text} in {@code c} (bot prompt or agent reply): as the passive reply when a webhook still waits,
     * otherwise through the channel's API after the platform's reply limit was checked. Stored either way.
     */
    public CompletableFuture<Void> send(Conversation c, String text, String sender) {
        ChannelAdapter a = adapter(c.channel());
        boolean wasPassive = passive.offer(c.key(), text);
        if (!wasPassive && !window.tryAcquire(c.key(), a.replyLimit(), clock.instant())) {
            return CompletableFuture.failedFuture(new ChannelException(ChannelException.Kind.LIMITED,
                    c.channel() + " allows " + a.replyLimit().messages() + " messages within " + a.replyLimit().window()
                            + " of the user's last message"));
        }
        return outbound.then(c.key(), () -> executor.submit(() -> store.insertOutbound(c, "out:" + UUID.randomUUID(), text,
                sender, clock.instant())).thenCompose(id -> wasPassive ? CompletableFuture.completedFuture(null)
                : a.send(new OutboundMessage(c.channel(), c.account(), c.userId(), text))));
    }

    public void assignAgent(Conversation c, String agentId) {
        executor.submit(() -> {
            store.assignAgent(c.id(), agentId);
            return null;
        }).exceptionally(e -> {
            LOG.warn("channels: agent {} not recorded on conversation {}: {}", agentId, c.id(), e.toString());
            return null;
        });
    }

    /** Closes {@code c} now (an agent finished it). */
    public CompletableFuture<Void> close(Conversation c, String reason) {
        return closeWhere(Duration.ZERO, c.id(), reason);
    }

    /** Closes conversations idle for longer than the configured idle time. */
    public CompletableFuture<Void> closeIdle() {
        return closeWhere(idle, 0, "idle");
    }

    private CompletableFuture<Void> closeWhere(Duration idleFor, long onlyId, String reason) {
        return executor.submit(() -> resolver.close(clock.instant().minus(idleFor), onlyId, clock.instant()))
                .thenAccept(list -> list.forEach(c -> onLane(c.key(), () -> {
                    window.forget(c.key());
                    handler.closed(c, reason);
                })));
    }

    /** Checks for idle conversations every {@code every} (on lane 0's clock). */
    public void startIdleSweep(Duration every) {
        sweep = lanes.lane(0).schedule(every, () -> {
            if (!closed) {
                closeIdle();
                startIdleSweep(every);
            }
        });
    }

    private CompletableFuture<Void> onLane(String key, Runnable r) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lanes.laneFor(key).execute(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Counters: stored, duplicates dropped, processed, store transactions (batches) and batches redone one by one. */
    public Map<String, Long> counters() {
        return Map.of("stored", stored.get(), "duplicates", duplicates.get(), "processed", processed.get(),
                "batches", commits.batches(), "batches_redone", commits.redone());
    }

    @Override
    public void close() {
        closed = true;
        sweep.cancel();
    }
}
