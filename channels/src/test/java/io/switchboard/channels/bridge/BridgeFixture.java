package io.switchboard.channels.bridge;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.InboundRequest;
import io.switchboard.channels.spi.MessageType;
import io.switchboard.channels.spi.OutboundMessage;
import io.switchboard.channels.spi.ReplyLimit;
import io.switchboard.core.lane.LaneGroup;
import io.switchboard.customer.CustomerConfig;
import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityType;
import io.switchboard.customer.storage.StorageConfig;
import io.switchboard.customer.storage.StorageExecutor;
import io.switchboard.customer.storage.Vendor;
import io.switchboard.testkit.Postgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A bridge on fresh storage (H2 or the shared throw-away PostgreSQL) with a recording handler and a fake channel. */
final class BridgeFixture implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    final MutableClock clock = new MutableClock();
    final CustomerStorage storage;
    final StorageExecutor executor = new StorageExecutor(4, 10_000);
    final LaneGroup lanes = new LaneGroup("conv", 2);
    final ChannelBridge bridge;
    final Recorder handler = new Recorder();
    final FakeChannel channel = new FakeChannel();

    BridgeFixture(StorageConfig config) {
        storage = CustomerStorage.open(CustomerConfig.of(config), Path.of("target"), clock);
        bridge = new ChannelBridge(storage, executor, lanes, clock, Duration.ofMinutes(30));
        bridge.register(channel);
        bridge.handler(handler);
    }

    static StorageConfig config(Vendor vendor, Path dir) {
        String name = "ch" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
        if (vendor == Vendor.H2) {
            return new StorageConfig(dir == null ? "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"
                    : "jdbc:h2:file:" + dir.toAbsolutePath().resolve(name), "sa", "", 4);
        }
        Postgres pg = Postgres.shared();
        return new StorageConfig(pg.createDatabase(name), pg.user(), "", 4);
    }

    static InboundMessage msg(String user, String id, String text) {
        return new InboundMessage("fake", "acct", user, id, MessageType.TEXT, text, Map.of(), Instant.parse("2026-03-01T08:00:00Z"), "");
    }

    @Override
    public void close() throws Exception {
        bridge.close();
        executor.close();
        lanes.shutdown(Duration.ofSeconds(5));
        storage.close();
    }

    /** Records what the bridge hands over, with the thread it ran on. */
    static final class Recorder implements ConversationHandler {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<Conversation> opened = new CopyOnWriteArrayList<>();
        final List<Conversation> closed = new CopyOnWriteArrayList<>();

        @Override
        public void message(Conversation c, StoredMessage m, boolean isNew) {
            seen.add(m.message().userId() + ":" + m.message().text());
            if (isNew) {
                opened.add(c);
            }
        }

        @Override
        public void closed(Conversation c, String reason) {
            closed.add(c);
        }
    }

    /** A channel that accepts everything and records what it sends; WeChat's reply limit. */
    static final class FakeChannel implements ChannelAdapter {
        final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

        @Override
        public String channel() {
            return "fake";
        }

        @Override
        public List<InboundMessage> receive(InboundRequest request) {
            return List.of();
        }

        @Override
        public CompletableFuture<Void> send(OutboundMessage message) {
            sent.add(message);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public ReplyLimit replyLimit() {
            return new ReplyLimit(5, Duration.ofHours(48));
        }

        @Override
        public List<Identity> identities(InboundMessage m) {
            return List.of(Identity.of(IdentityType.DEVICE, m.userId()));
        }
    }

    /** Virtual wall clock for storage timestamps and idle closing. */
    static final class MutableClock implements InstantSource {
        private volatile Instant now = Instant.parse("2026-03-01T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }
}
