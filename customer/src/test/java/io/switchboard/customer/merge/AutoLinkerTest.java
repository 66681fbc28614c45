package io.switchboard.customer.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.FakeClock;
import io.switchboard.customer.TestStorage;
import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.LinkedIdentity;
import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.storage.Vendor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AutoLinkerTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theSameUnionidLinksOpenidsOfTwoWechatApps(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            LinkOutcome first = s.linker().observe(List.of(Identity.wechatOpenid("app1", "oA"), Identity.wechatUnionid("U1")), Profile.EMPTY);
            assertThat(first.created()).isTrue();
            LinkOutcome second = s.linker().observe(List.of(Identity.wechatOpenid("app2", "oB"), Identity.wechatUnionid("U1")), Profile.EMPTY);
            assertThat(second.created()).isFalse();
            assertThat(second.customer().id()).isEqualTo(first.customer().id());
            assertThat(second.linked()).extracting(LinkedIdentity::linkRule).containsExactly("seen_with:wechat_unionid");
            assertThat(second.merges()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aVerifiedPhoneMergesCustomersAndRecordsTheRule(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            Customer caller = s.identities().findOrCreateByIdentity(Identity.verifiedPhone("13800138000"), Profile.named("Li Lei"));
            Customer wx = s.linker().observe(List.of(Identity.wechatUnionid("U9")), Profile.EMPTY).customer();
            LinkOutcome o = s.linker().observe(List.of(Identity.wechatUnionid("U9"), Identity.verifiedPhone("+86 138 0013 8000")), Profile.EMPTY);
            assertThat(o.merges()).singleElement().satisfies(m -> {
                assertThat(m.rule()).isEqualTo("auto:verified_phone");
                assertThat(m.actor()).isEqualTo(AutoLinker.ACTOR);
                assertThat(m.sourceId()).isEqualTo(caller.id());
                assertThat(m.targetId()).isEqualTo(wx.id());
            });
            assertThat(s.identities().findByIdentity(Identity.phone("13800138000"))).map(Customer::id).contains(wx.id());
            assertThat(o.customer().profile().name()).isEqualTo("Li Lei");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void weakMatchesOnlySuggest(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            Customer mail = s.identities().findOrCreateByIdentity(Identity.email("li@example.com"), Profile.named("Li Lei"));
            Customer phone = s.identities().findOrCreateByIdentity(Identity.phone("13900139000"), Profile.named("li  LEI"));
            LinkOutcome o = s.linker().observe(List.of(Identity.phone("13900139000"), Identity.email("LI@example.com")), Profile.EMPTY);
            assertThat(o.merges()).isEmpty();
            assertThat(o.customer().id()).isEqualTo(phone.id());
            assertThat(o.suggested()).containsExactly(mail.id());
            assertThat(s.customers().require(mail.id()).merged()).isFalse();
            assertThat(s.linker().suggestByName(mail.id())).containsExactly(phone.id());
            assertThat(s.suggestions().forCustomer(mail.id())).extracting(Suggestion::reason)
                    .containsExactlyInAnyOrder("weak:email", "same_name");
            s.linker().observe(List.of(Identity.phone("13900139000"), Identity.email("li@example.com")), Profile.EMPTY);
            assertThat(s.suggestions().forCustomer(mail.id())).hasSize(2);
            // a strong key seen with a weak identity of another customer is still only a suggestion
            LinkOutcome strong = s.linker().observe(List.of(Identity.wechatUnionid("U7"), Identity.email("li@example.com")), Profile.EMPTY);
            assertThat(strong.merges()).isEmpty();
            assertThat(strong.suggested()).containsExactly(mail.id());
        }
    }
}
