package io.switchboard.channels.bridge;

import static io.switchboard.channels.bridge.BridgeFixture.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.customer.storage.StorageExecutor;
import io.switchboard.customer.storage.Vendor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Group commit on real storage: a single storage thread is held busy while messages queue up, so the next batch
 * holds exactly them. Duplicates and a bad row make the batch redo one by one without losing or doubling a row.
 */
class GroupCommitTest {

    /** Queues {@code ms} while the only storage thread is held, then lets the one drainer take them as one batch. */
    private static List<CompletableFuture<Optional<MessageStore.Stored>>> oneBatch(GroupCommit commits,
            StorageExecutor single, BridgeFixture f, InboundMessage... ms) {
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        single.submit(() -> {
            held.countDown();
            try {
                return hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        try {
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        List<CompletableFuture<Optional<MessageStore.Stored>>> out = new ArrayList<>();
        for (InboundMessage m : ms) {
            out.add(commits.store(m, f.clock.instant()));
        }
        hold.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> out.stream().allMatch(CompletableFuture::isDone));
        return out;
    }

    private static boolean stored(CompletableFuture<Optional<MessageStore.Stored>> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aBatchIsOneTransactionAndDuplicatesInsideAndAcrossBatchesAreRecognised(Vendor vendor) throws Exception {
        try (BridgeFixture f = new BridgeFixture(BridgeFixture.config(vendor, null));
             StorageExecutor single = new StorageExecutor(1, 100)) {
            GroupCommit commits = new GroupCommit(f.bridge.store(), null, single, 64, 1, 100);

            var clean = oneBatch(commits, single, f, msg("a", "m-1", "one"), msg("b", "m-2", "two"), msg("c", "m-3", "three"));
            for (var r : clean) {
                assertThat(stored(r)).isTrue();
            }
            assertThat(commits.batches()).isEqualTo(1);
            assertThat(commits.redone()).isZero();

            // m-4 twice in one batch (same platform id from two users: one dedup key), m-2 again from the first batch
            var mixed = oneBatch(commits, single, f, msg("d", "m-4", "four"), msg("e", "m-4", "four again"),
                    msg("b", "m-2", "two again"), msg("f", "m-5", "five"));
            assertThat(stored(mixed.get(0))).isTrue();
            assertThat(stored(mixed.get(1))).isFalse();
            assertThat(stored(mixed.get(2))).isFalse();
            assertThat(stored(mixed.get(3))).isTrue();
            assertThat(commits.batches()).isEqualTo(2);
            assertThat(commits.redone()).isEqualTo(1);

            assertThat(f.bridge.store().pending()).extracting(sm -> sm.message().platformId())
                    .containsExactly("m-1", "m-2", "m-3", "m-4", "m-5");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aMessageThatCannotBeStoredFailsAloneAndTheOthersAreStoredOnce(Vendor vendor) throws Exception {
        try (BridgeFixture f = new BridgeFixture(BridgeFixture.config(vendor, null));
             StorageExecutor single = new StorageExecutor(1, 100)) {
            GroupCommit commits = new GroupCommit(f.bridge.store(), null, single, 64, 1, 100);
            String tooLong = "u".repeat(300); // external_user is VARCHAR(256)

            var r = oneBatch(commits, single, f, msg("a", "g-1", "before"), msg(tooLong, "g-2", "bad"),
                    msg("b", "g-3", "after"));
            assertThat(stored(r.get(0))).isTrue();
            assertThatThrownBy(() -> r.get(1).get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(stored(r.get(2))).isTrue();
            assertThat(commits.redone()).isEqualTo(1);
            assertThat(f.bridge.store().pending()).extracting(sm -> sm.message().platformId()).containsExactly("g-1", "g-3");

            // the platform retries all three: the good ones are duplicates, the bad one fails again, nothing is doubled
            var retry = oneBatch(commits, single, f, msg("a", "g-1", "before"), msg(tooLong, "g-2", "bad"),
                    msg("b", "g-3", "after"));
            assertThat(stored(retry.get(0))).isFalse();
            assertThat(retry.get(1)).isCompletedExceptionally();
            assertThat(stored(retry.get(2))).isFalse();
            assertThat(f.bridge.store().pending()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aBatchMakesTheMessagesOfOpenConversationsJoinThem(Vendor vendor) throws Exception {
        try (BridgeFixture f = new BridgeFixture(BridgeFixture.config(vendor, null));
             StorageExecutor single = new StorageExecutor(1, 100)) {
            for (String user : List.of("a", "b")) {
                f.bridge.ingest(msg(user, user + "-0", "open")).get(30, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> f.handler.opened.size() == 2);
            GroupCommit commits = new GroupCommit(f.bridge.store(), null, single, 64, 1, 100);

            var r = oneBatch(commits, single, f, msg("a", "a-1", "joins"), msg("b", "b-1", "joins"), msg("c", "c-1", "new"));
            assertThat(r.get(0).get().orElseThrow().conversation()).isPresent();
            assertThat(r.get(1).get().orElseThrow().conversation()).isPresent();
            assertThat(r.get(2).get().orElseThrow().conversation()).isEmpty();
            assertThat(f.bridge.store().pending()).extracting(sm -> sm.message().platformId()).containsExactly("c-1");
            long convA = r.get(0).get().orElseThrow().conversation().get().id();
            assertThat(f.bridge.store().transcript(convA)).extracting(t -> t.get("text")).containsExactly("open", "joins");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void concurrentConversationsWithRetriesKeepTheirOrderAndEachMessageOnce(Vendor vendor) throws Exception {
        try (BridgeFixture f = new BridgeFixture(BridgeFixture.config(vendor, null))) {
            int users = 40;
            int each = 5;
            List<CompletableFuture<Optional<StoredMessage>>> acks = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                for (int u = 0; u < users; u++) {
                    acks.add(f.bridge.ingest(msg("u" + u, "u" + u + "-" + i, Integer.toString(i))));
                    acks.add(f.bridge.ingest(msg("u" + u, "u" + u + "-" + i, Integer.toString(i))));
                }
            }
            int stored = 0;
            for (CompletableFuture<Optional<StoredMessage>> a : acks) {
                stored += a.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(users * each);
            await().atMost(Duration.ofSeconds(60)).until(() -> f.handler.seen.size() == users * each);
            assertThat(f.handler.opened).hasSize(users);
            for (int u = 0; u < users; u++) {
                String p = "u" + u + ":";
                assertThat(f.handler.seen.stream().filter(s -> s.startsWith(p)).toList())
                        .containsExactly(p + 0, p + 1, p + 2, p + 3, p + 4);
                long conv = f.handler.opened.stream().filter(c -> c.userId().equals(p.substring(0, p.length() - 1)))
                        .findFirst().orElseThrow().id();
                assertThat(f.bridge.store().transcript(conv)).extracting(t -> t.get("text"))
                        .containsExactly("0", "1", "2", "3", "4");
            }
            assertThat(f.bridge.counters()).containsEntry("stored", (long) users * each)
                    .containsEntry("duplicates", (long) users * each);
            assertThat(f.bridge.recover().get(30, TimeUnit.SECONDS)).isZero();
        }
    }
}
