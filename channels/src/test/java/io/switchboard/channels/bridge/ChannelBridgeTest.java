package io.switchboard.channels.bridge;

import static io.switchboard.channels.bridge.BridgeFixture.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.channels.spi.ChannelException;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.storage.StorageConfig;
import io.switchboard.customer.storage.Vendor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Durable before ack, retries dropped, restart finishes what was stored, one conversation's messages in order. */
class ChannelBridgeTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void retriesOfAStoredMessageAreDroppedEvenWhenTheyOverlap(Vendor vendor) throws Exception {
        try (BridgeFixture f = new BridgeFixture(BridgeFixture.config(vendor, null))) {
            List<CompletableFuture<Optional<StoredMessage>>> acks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                acks.add(f.bridge.ingest(msg("oU1", "m-1", "hello")));
            }
            long stored = 0;
            for (CompletableFuture<Optional<StoredMessage>> a : acks) {
                stored += a.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.handler.seen.size() == 1);
            assertThat(f.bridge.ingest(msg("oU1", "m-1", "hello")).get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(f.bridge.counters()).containsEntry("stored", 1L).containsEntry("duplicates", 3L);
            Thread.sleep(200);
            assertThat(f.handler.seen).containsExactly("oU1:hello");
            assertThat(f.bridge.recover().get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aMessageStoredBeforeACrashIsProcessedOnceAfterRestart(Vendor vendor, @TempDir Path dir) throws Exception {
        StorageConfig config = BridgeFixture.config(vendor, dir);
        try (BridgeFixture before = new BridgeFixture(config)) {
            assertThat(before.bridge.store().insertInbound(msg("oU2", "m-9", "stored, then the process died"),
                    before.clock.instant())).isPresent();
        }
        try (BridgeFixture after = new BridgeFixture(config)) {
            assertThat(after.bridge.ingest(msg("oU2", "m-9", "stored, then the process died")).get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(after.bridge.recover().get(30, TimeUnit.SECONDS)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> after.handler.seen.size() == 1);
            assertThat(after.handler.opened).hasSize(1);
            assertThat(after.bridge.recover().get(30, TimeUnit.SECONDS)).isZero();
        }
        try (BridgeFixture again = new BridgeFixture(config)) {
            assertThat(again.bridge.recover().get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void laterMessagesJoinTheOpenConversationAsTheyAreStoredAndKeepItActive(Vendor vendor) throws Exception {
        try (BridgeFixture f = new BridgeFixture(BridgeFixture.config(vendor, null))) {
            f.bridge.ingest(msg("oU4", "y1", "first")).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.handler.seen.size() == 1);
            f.clock.advance(Duration.ofMinutes(20));
            StoredMessage second = f.bridge.ingest(msg("oU4", "y2", "second")).get(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(f.bridge.store().pending()).isEmpty();
            assertThat(f.bridge.ingest(msg("oU4", "y2", "second")).get(30, TimeUnit.SECONDS)).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> f.handler.seen.size() == 2);
            Conversation c = f.handler.opened.get(0);
            assertThat(f.handler.opened).hasSize(1);
            assertThat(f.bridge.store().transcript(c.id())).extracting(r -> r.get("text")).containsExactly("first", "second");
            assertThat(second.message().text()).isEqualTo("second");

            f.clock.advance(Duration.ofMinutes(20));
            f.bridge.closeIdle().get(30, TimeUnit.SECONDS);
            assertThat(f.bridge.store().openConversation("fake", "acct", "oU4")).isPresent();
            f.clock.advance(Duration.ofMinutes(11));
            f.bridge.closeIdle().get(30, TimeUnit.SECONDS);
            assertThat(f.bridge.store().openConversation("fake", "acct", "oU4")).isEmpty();
            assertThat(f.bridge.counters()).containsEntry("stored", 2L).containsEntry("duplicates", 1L)
                    .containsEntry("processed", 2L);
            assertThat(f.bridge.recover().get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void oneConversationsMessagesArriveInOrderWhileOthersRunInParallel() throws Exception {
        try (BridgeFixture f = new BridgeFixture(BridgeFixture.config(Vendor.H2, null))) {
            int n = 200;
            for (int i = 0; i < n; i++) {
                for (String user : List.of("a", "b", "c")) {
                    f.bridge.ingest(msg(user, user + i, Integer.toString(i)));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> f.handler.seen.size() == 3 * n);
            for (String user : List.of("a", "b", "c")) {
                List<String> mine = f.handler.seen.stream().filter(s -> s.startsWith(user + ":")).toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    expected.add(user + ":" + i);
                }
                assertThat(mine).containsExactlyElementsOf(expected);
            }
            assertThat(f.handler.opened).hasSize(3);
        }
    }

    @Test
    void conversationsOpenOnTheTimelineCloseWhenIdleAndRepliesRespectTheLimit() throws Exception {
        try (BridgeFixture f = new BridgeFixture(BridgeFixture.config(Vendor.H2, null))) {
            f.bridge.ingest(msg("oU3", "x1", "hi")).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.handler.opened.size() == 1);
            Conversation c = f.handler.opened.get(0);
            Interaction i = f.storage.interactions().find(c.interactionId()).orElseThrow();
            assertThat(i.open()).isTrue();
            assertThat(i.channel()).isEqualTo("fake");
            for (int k = 0; k < 5; k++) {
                f.bridge.send(c, "reply " + k, "bot").get(30, TimeUnit.SECONDS);
            }
            ExecutionException limited = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> f.bridge.send(c, "one too many", "bot").get(30, TimeUnit.SECONDS));
            assertThat(((ChannelException) limited.getCause()).kind()).isEqualTo(ChannelException.Kind.LIMITED);
            assertThat(f.channel.sent).hasSize(5);
            CompletableFuture<String> passive = f.bridge.passive().expect(c.key());
            f.bridge.send(c, "passive one", "bot").get(30, TimeUnit.SECONDS);
            assertThat(passive.get(1, TimeUnit.SECONDS)).isEqualTo("passive one");
            assertThat(f.channel.sent).hasSize(5);
            assertThat(f.bridge.store().transcript(c.id())).hasSize(7);

            f.clock.advance(Duration.ofMinutes(31));
            f.bridge.closeIdle().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.handler.closed.size() == 1);
            assertThat(f.storage.interactions().find(c.interactionId()).orElseThrow().open()).isFalse();
            f.bridge.ingest(msg("oU3", "x2", "back again")).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.handler.opened.size() == 2);
            assertThat(f.handler.opened.get(1).customerId()).isEqualTo(c.customerId());
            assertThat(f.handler.opened.get(1).id()).isNotEqualTo(c.id());
        }
    }
}
