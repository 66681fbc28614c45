package io.switchboard.customer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.FakeClock;
import io.switchboard.customer.TestStorage;
import io.switchboard.customer.identity.CustomerNotFoundException;
import io.switchboard.customer.storage.Vendor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenStoreTest {

    @Test
    void secretsAreRandomAndHashesCompareExactly() {
        String a = TokenHash.newSecret();
        assertThat(a).startsWith("sb_").hasSize(3 + 43).isNotEqualTo(TokenHash.newSecret());
        assertThat(TokenHash.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenHash.matches(TokenHash.hash(a), TokenHash.hash(a))).isTrue();
        assertThat(TokenHash.matches(TokenHash.hash(a), TokenHash.hash(a + "x"))).isFalse();
        assertThat(Role.ADMIN.allows(Role.AGENT)).isTrue();
        assertThat(Role.AGENT.allows(Role.SUPERVISOR)).isFalse();
        assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void createVerifyRevoke(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            TokenStore t = s.tokens();
            IssuedToken sup = t.create(Role.SUPERVISOR, "wallboard");
            assertThat(sup.toString()).doesNotContain(sup.secret());
            assertThat(t.verify(sup.secret())).map(ApiToken::role).contains(Role.SUPERVISOR);
            assertThat(t.verify(sup.secret() + "x")).isEmpty();
            assertThat(t.verify("")).isEmpty();
            assertThat(t.verify(null)).isEmpty();
            assertThat(storedHashes(s)).containsExactly(TokenHash.hash(sup.secret())).doesNotContain(sup.secret());
            assertThat(t.revoke(sup.token().id())).isTrue();
            assertThat(t.revoke(sup.token().id())).isFalse();
            assertThat(t.verify(sup.secret())).isEmpty();
            assertThatThrownBy(() -> t.revoke(9999)).isInstanceOf(CustomerNotFoundException.class);
            assertThatThrownBy(() -> t.create(Role.AGENT, " ")).isInstanceOf(IllegalArgumentException.class);
            IssuedToken desk = t.create(Role.AGENT, "alice's desk", "alice");
            assertThat(t.verify(desk.secret())).map(ApiToken::agent).contains("alice");
            assertThat(t.list()).filteredOn(x -> x.id() == desk.token().id()).extracting(ApiToken::agent).containsExactly("alice");
            assertThat(t.verify(t.create(Role.AGENT, "integration").secret())).map(ApiToken::agent).isEmpty();
            assertThatThrownBy(() -> t.create(Role.SUPERVISOR, "wallboard", "alice")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void bootstrapSeedsOneAdminTokenIdempotently(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            String secret = "automation-secret-0123456789";
            ApiToken first = s.tokens().bootstrap(secret);
            ApiToken again = s.tokens().bootstrap(secret);
            assertThat(again).isEqualTo(first);
            assertThat(first.role()).isEqualTo(Role.ADMIN);
            assertThat(s.tokens().list()).hasSize(1);
            assertThat(s.tokens().verify(secret)).contains(first);
            assertThatThrownBy(() -> s.tokens().bootstrap("short")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("20");
        }
    }

    private static java.util.List<String> storedHashes(CustomerStorage s) {
        return s.database().inTransaction(c -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM api_tokens"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
