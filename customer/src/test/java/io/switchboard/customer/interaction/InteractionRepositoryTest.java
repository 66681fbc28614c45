package io.switchboard.customer.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.FakeClock;
import io.switchboard.customer.TestStorage;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.storage.Vendor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InteractionRepositoryTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void timelineIsNewestFirstAcrossChannelsAndKeysetPaged(Vendor vendor) {
        FakeClock clock = new FakeClock();
        try (CustomerStorage s = TestStorage.open(vendor, clock)) {
            long c = s.identities().findOrCreateByIdentity(Identity.phone("13800138000")).id();
            long other = s.identities().findOrCreateByIdentity(Identity.phone("13900139000")).id();
            List<Long> expected = new ArrayList<>();
            String[] channels = {"voice", "wechat", "email", "webchat"};
            for (int i = 0; i < 23; i++) {
                Instant t = i % 5 == 4 ? clock.instant() : clock.advance(Duration.ofSeconds(30));
                Interaction in = s.interactions().append(Interaction.builder(c, channels[i % 4], InteractionKind.MESSAGE,
                        Direction.INBOUND, t).summary("m" + i).details(Map.of("n", i)).build());
                expected.add(0, in.id());
                s.interactions().append(Interaction.builder(other, "voice", InteractionKind.CALL, Direction.INBOUND, t).build());
            }
            List<Long> seen = new ArrayList<>();
            TimelineCursor cursor = null;
            int pages = 0;
            do {
                TimelinePage page = s.interactions().timeline(c, cursor, 5);
                page.items().forEach(i -> seen.add(i.id()));
                cursor = page.next().map(n -> TimelineCursor.parse(n.encode())).orElse(null);
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(5);
            assertThat(seen).hasSize(23).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
            List<Interaction> all = s.interactions().timeline(c, null, 100).items();
            assertThat(all).extracting(Interaction::id).containsExactlyElementsOf(seen);
            for (int k = 1; k < all.size(); k++) {
                assertThat(all.get(k - 1).startedAt()).isAfterOrEqualTo(all.get(k).startedAt());
            }
            assertThat(all.get(0).details()).containsEntry("n", 22);
            assertThat(s.interactions().lastInteraction(c)).map(Interaction::id).contains(all.get(0).id());
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void lastAgentAndOpenTopics(Vendor vendor) {
        FakeClock clock = new FakeClock();
        try (CustomerStorage s = TestStorage.open(vendor, clock)) {
            long c = s.identities().findOrCreateByIdentity(Identity.phone("13800138000")).id();
            InteractionRepository r = s.interactions();
            r.append(Interaction.builder(c, "voice", InteractionKind.AGENT, Direction.INBOUND, clock.instant()).agent("amy").build());
            r.append(Interaction.builder(c, "wechat", InteractionKind.AGENT, Direction.INBOUND, clock.advance(Duration.ofHours(1)))
                    .agent("bob").tags(List.of("refund")).open(true).build());
            Interaction open2 = r.append(Interaction.builder(c, "email", InteractionKind.MESSAGE, Direction.INBOUND,
                    clock.advance(Duration.ofMinutes(5))).tags(List.of("delivery", "refund")).open(true).build());
            clock.advance(Duration.ofHours(2));
            assertThat(r.lastAgent(c, null, Duration.ofDays(1))).contains("bob");
            assertThat(r.lastAgent(c, "voice", Duration.ofDays(1))).contains("amy");
            assertThat(r.lastAgent(c, "voice", Duration.ofHours(2))).isEmpty();
            assertThat(r.openTopics(c)).containsExactly("delivery", "refund");
            assertThat(r.close(open2.id(), clock.instant())).isTrue();
            assertThat(r.openTopics(c)).containsExactly("refund");
            assertThat(r.find(open2.id()).map(Interaction::endedAt)).contains(clock.instant());
            assertThat(r.find(123_456)).isEqualTo(Optional.empty());
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anInteractionForAMergedCustomerGoesToTheSurvivor(Vendor vendor) {
        FakeClock clock = new FakeClock();
        try (CustomerStorage s = TestStorage.open(vendor, clock)) {
            long a = s.identities().findOrCreateByIdentity(Identity.phone("13800138000")).id();
            long b = s.identities().findOrCreateByIdentity(Identity.phone("13900139000")).id();
            s.merges().merge(a, b, "amy", "same");
            Interaction i = s.interactions().append(Interaction.builder(a, "voice", InteractionKind.CALL, Direction.INBOUND,
                    clock.instant()).build());
            assertThat(i.customerId()).isEqualTo(b);
        }
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> TimelineCursor.parse("zzz")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
        assertThatThrownBy(() -> Interaction.builder(1, "Voice!", InteractionKind.CALL, Direction.INBOUND, Instant.EPOCH).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel");
        assertThatThrownBy(() -> Interaction.builder(1, "voice", InteractionKind.CALL, Direction.INBOUND, Instant.EPOCH.plusSeconds(9))
                .ended(Instant.EPOCH).build()).isInstanceOf(IllegalArgumentException.class);
        TimelineCursor c = new TimelineCursor(Instant.parse("2026-03-01T08:00:00.123456Z"), 42);
        assertThat(TimelineCursor.parse(c.encode())).isEqualTo(c);
    }
}
