package io.switchboard.customer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.FakeClock;
import io.switchboard.customer.TestStorage;
import io.switchboard.customer.storage.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityGraphTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aCallerIsRecognisedByNumberInAnyFormat(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            IdentityGraph g = s.identities();
            Customer first = g.findOrCreateByIdentity(Identity.phone("138 0013 8000"), Profile.named("Li Lei"));
            Customer again = g.findOrCreateByIdentity(Identity.phone("+8613800138000"));
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.profile().name()).isEqualTo("Li Lei");
            assertThat(g.findByIdentity(Identity.phone("13800138000"))).map(Customer::id).contains(first.id());
            assertThat(g.findByIdentity(Identity.phone("13900139000"))).isEmpty();
            assertThat(g.identitiesOf(first.id())).singleElement()
                    .satisfies(l -> assertThat(l.linkRule()).isEqualTo(IdentityGraph.RULE_CREATED));
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void profilesRoundTrip(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            Customer c = s.identities().findOrCreateByIdentity(Identity.email("a@b.cn"));
            Profile p = new Profile("韩梅梅", "zh-CN", 3, Set.of("vip", "billing"), Map.of("crm_id", "C-1", "note", "a \"quoted\", value"));
            s.identities().updateProfile(c.id(), p);
            assertThat(s.identities().customer(c.id()).profile()).isEqualTo(p);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anIdentityBelongsToExactlyOneCustomer(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            IdentityGraph g = s.identities();
            Customer a = g.findOrCreateByIdentity(Identity.phone("13800138000"));
            Customer b = g.findOrCreateByIdentity(Identity.email("b@example.com"));
            assertThatThrownBy(() -> g.link(b.id(), Identity.phone("+86 138 0013 8000")))
                    .isInstanceOf(IdentityTakenException.class).hasMessageContaining(Long.toString(a.id()));
            LinkedIdentity wx = g.link(b.id(), Identity.wechatOpenid("wxapp1", "oXYZ"));
            assertThat(wx.linkRule()).isEqualTo(IdentityGraph.RULE_MANUAL);
            assertThat(g.link(b.id(), Identity.wechatOpenid("wxapp1", "oXYZ")).id()).isEqualTo(wx.id());
            assertThat(g.findOrCreateByIdentity(Identity.wechatOpenid("wxapp2", "oXYZ")).id()).isNotEqualTo(b.id());
            assertThat(g.unlink(a.id(), Identity.wechatOpenid("wxapp1", "oXYZ"))).isFalse();
            assertThat(g.unlink(b.id(), Identity.wechatOpenid("wxapp1", "oXYZ"))).isTrue();
            assertThat(g.findByIdentity(Identity.wechatOpenid("wxapp1", "oXYZ"))).isEmpty();
            assertThatThrownBy(() -> g.customer(999_999)).isInstanceOf(CustomerNotFoundException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aVerifiedSightingUpgradesTheStoredIdentity(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            Customer c = s.identities().findOrCreateByIdentity(Identity.phone("13800138000"));
            s.identities().findOrCreateByIdentity(Identity.verifiedPhone("13800138000"));
            assertThat(s.identities().identitiesOf(c.id())).singleElement()
                    .satisfies(l -> assertThat(l.identity().verified()).isTrue());
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void concurrentFirstContactsCreateOneCustomer(Vendor vendor) throws Exception {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<CompletableFuture<Customer>> fs = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    fs.add(CompletableFuture.supplyAsync(() -> s.identities().findOrCreateByIdentity(Identity.phone("13700137000")), pool));
                }
                Set<Long> ids = new java.util.HashSet<>();
                for (CompletableFuture<Customer> f : fs) {
                    ids.add(f.get().id());
                }
                assertThat(ids).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
