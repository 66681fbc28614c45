package io.switchboard.customer.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.FakeClock;
import io.switchboard.customer.TestStorage;
import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.interaction.Direction;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.InteractionKind;
import io.switchboard.customer.storage.Vendor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MergeServiceTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aMergedWechatAndPhoneCustomerHasOneTimelineAndUnmergeRestoresBoth(Vendor vendor) {
        FakeClock clock = new FakeClock();
        try (CustomerStorage s = TestStorage.open(vendor, clock)) {
            Customer phone = s.identities().findOrCreateByIdentity(Identity.phone("13800138000"), Profile.named("Li Lei"));
            Customer wechat = s.identities().findOrCreateByIdentity(Identity.wechatOpenid("wxapp", "o1"),
                    new Profile("", "zh-CN", 2, Set.of("wx"), Map.of("city", "Shanghai")));
            Interaction call = s.interactions().append(Interaction.builder(phone.id(), "voice", InteractionKind.CALL,
                    Direction.INBOUND, clock.instant()).build());
            Interaction msg = s.interactions().append(Interaction.builder(wechat.id(), "wechat", InteractionKind.MESSAGE,
                    Direction.INBOUND, clock.advance(java.time.Duration.ofMinutes(1))).summary("hello").build());
            GraphSnapshot before = GraphSnapshot.of(s);

            MergeRecord m = s.merges().merge(wechat.id(), phone.id(), "supervisor:amy", "same person, confirmed on the phone");
            assertThat(m.movedInteractions()).containsExactly(msg.id());
            assertThat(m.movedIdentities()).hasSize(1);
            assertThat(m.actor()).isEqualTo("supervisor:amy");
            assertThat(m.rule()).isEqualTo(MergeService.RULE_MANUAL);
            assertThat(s.interactions().timeline(phone.id(), null, 10).items()).extracting(Interaction::id)
                    .containsExactly(msg.id(), call.id());
            Customer merged = s.identities().customer(wechat.id());
            assertThat(merged.id()).isEqualTo(phone.id());
            assertThat(merged.profile()).isEqualTo(new Profile("Li Lei", "zh-CN", 2, Set.of("wx"), Map.of("city", "Shanghai")));
            assertThat(s.identities().findByIdentity(Identity.wechatOpenid("wxapp", "o1"))).map(Customer::id).contains(phone.id());

            MergeRecord undone = s.merges().unmerge(m.id(), "supervisor:bob", "different people after all");
            assertThat(undone.undone()).isTrue();
            assertThat(undone.unmergedBy()).isEqualTo("supervisor:bob");
            assertThat(GraphSnapshot.of(s)).isEqualTo(before);
            assertThat(s.merges().history(phone.id())).extracting(MergeRecord::id).containsExactly(m.id());
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void conflictsAreTyped(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            long a = s.identities().findOrCreateByIdentity(Identity.email("a@x.cn")).id();
            long b = s.identities().findOrCreateByIdentity(Identity.email("b@x.cn")).id();
            long c = s.identities().findOrCreateByIdentity(Identity.email("c@x.cn")).id();
            MergeService ms = s.merges();
            assertThatThrownBy(() -> ms.merge(a, a, "x", "y")).isInstanceOf(MergeConflictException.SelfMerge.class);
            assertThatThrownBy(() -> ms.merge(a, b, "", "y")).isInstanceOf(IllegalArgumentException.class);
            MergeRecord ab = ms.merge(a, b, "x", "y");
            assertThatThrownBy(() -> ms.merge(a, c, "x", "y")).isInstanceOf(MergeConflictException.AlreadyMerged.class);
            assertThatThrownBy(() -> ms.merge(c, a, "x", "y")).isInstanceOf(MergeConflictException.AlreadyMerged.class);
            MergeRecord bc = ms.merge(b, c, "x", "y");
            assertThatThrownBy(() -> ms.unmerge(ab.id(), "x", "y")).isInstanceOf(MergeConflictException.StaleAudit.class)
                    .hasMessageContaining("undo that merge first");
            ms.unmerge(bc.id(), "x", "y");
            assertThatThrownBy(() -> ms.unmerge(bc.id(), "x", "y")).isInstanceOf(MergeConflictException.AlreadyUnmerged.class);
            s.identities().unlink(b, Identity.email("a@x.cn"));
            assertThatThrownBy(() -> ms.unmerge(ab.id(), "x", "y")).isInstanceOf(MergeConflictException.StaleAudit.class)
                    .hasMessageContaining("unlinked");
            assertThat(s.customers().require(a).mergedInto()).isEqualTo(b);
        }
    }
}
