package io.switchboard.customer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentityNormalizerTest {
    private final IdentityNormalizer n = new IdentityNormalizer("CN");

    @Test
    void phonesInAnyFormatBecomeE164() {
        assertThat(n.normalize(Identity.phone("138 0013 8000")).value()).isEqualTo("+8613800138000");
        assertThat(n.normalize(Identity.phone("+86-138-0013-8000")).value()).isEqualTo("+8613800138000");
        assertThat(n.normalize(Identity.phone("4008001234")).value()).isEqualTo("+864008001234");
        assertThat(n.normalize(Identity.phone("+44 20 7946 0958")).value()).isEqualTo("+442079460958");
        assertThat(n.normalize(Identity.of(IdentityType.WHATSAPP, "8613800138000")).value()).isEqualTo("+8613800138000");
    }

    @Test
    void emailsAreLowerCasedAndPlatformsScoped() {
        assertThat(n.normalize(Identity.email("  Li.Lei@Example.COM ")).value()).isEqualTo("li.lei@example.com");
        Identity buyer = n.normalize(Identity.platformBuyer("TaoBao", "buyer_42"));
        assertThat(buyer.scope()).isEqualTo("taobao");
        assertThat(n.normalize(Identity.wechatOpenid("wx123", "oABC-_9")).scope()).isEqualTo("wx123");
    }

    @Test
    void badInputIsATypedErrorNamingTheProblem() {
        assertThatThrownBy(() -> n.normalize(Identity.phone("hello"))).isInstanceOf(InvalidIdentityException.class)
                .hasMessageContaining("phone");
        assertThatThrownBy(() -> n.normalize(Identity.phone("12"))).isInstanceOf(InvalidIdentityException.class);
        assertThatThrownBy(() -> n.normalize(Identity.email("not-an-email"))).isInstanceOf(InvalidIdentityException.class);
        assertThatThrownBy(() -> n.normalize(Identity.of(IdentityType.WECHAT_OPENID, "o1")))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("app id");
        assertThatThrownBy(() -> n.normalize(new Identity(IdentityType.EMAIL, "x", "a@b.cn", false)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("no scope");
        assertThatThrownBy(() -> n.normalize(Identity.of(IdentityType.DEVICE, "has space")))
                .isInstanceOf(InvalidIdentityException.class);
        assertThatThrownBy(() -> IdentityType.parse("fax")).isInstanceOf(InvalidIdentityException.class);
    }

    @Test
    void onlyUnionidsAndVerifiedPhonesAreStrong() {
        assertThat(Identity.wechatUnionid("u1").strong()).isTrue();
        assertThat(Identity.verifiedPhone("13800138000").strong()).isTrue();
        assertThat(Identity.phone("13800138000").strong()).isFalse();
        assertThat(new Identity(IdentityType.EMAIL, "", "a@b.cn", true).strong()).isFalse();
    }
}
