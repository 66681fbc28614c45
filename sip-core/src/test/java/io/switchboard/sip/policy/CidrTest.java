package io.switchboard.sip.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address blocks for the exempt list. */
class CidrTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void ipv4Blocks() {
        Cidr c = Cidr.parse("192.168.16.0/20");
        assertThat(c.prefix()).isEqualTo(20);
        assertThat(c.contains(ip("192.168.16.0"))).isTrue();
        assertThat(c.contains(ip("192.168.31.255"))).isTrue();
        assertThat(c.contains(ip("192.168.32.0"))).isFalse();
        assertThat(c.contains(ip("192.168.15.255"))).isFalse();
        assertThat(Cidr.parse("127.0.0.0/8").contains(ip("127.255.0.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("11.0.0.1"))).isFalse();
    }

    @Test
    void aBareAddressIsAHostAndSlashZeroIsEverything() {
        Cidr host = Cidr.parse(" 203.0.113.5 ");
        assertThat(host.prefix()).isEqualTo(32);
        assertThat(host.contains(ip("203.0.113.5"))).isTrue();
        assertThat(host.contains(ip("203.0.113.6"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
    }

    @Test
    void hostBitsInTheNetworkAreIgnored() {
        assertThat(Cidr.parse("10.1.2.3/8").contains(ip("10.200.0.1"))).isTrue();
    }

    @Test
    void ipv6Blocks() {
        Cidr c = Cidr.parse("2001:db8:abcd::/48");
        assertThat(c.contains(ip("2001:db8:abcd:12::1"))).isTrue();
        assertThat(c.contains(ip("2001:db8:abce::1"))).isFalse();
        assertThat(Cidr.parse("::1/128").contains(ip("::1"))).isTrue();
        assertThat(Cidr.parse("::1/128").contains(ip("::2"))).isFalse();
        assertThat(Cidr.parse("fe80::/10").contains(ip("febf::1"))).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains(ip("fec0::1"))).isFalse();
    }

    @Test
    void familiesDoNotMix() {
        assertThat(Cidr.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/x", "300.1.1.1/8",
            "not-an-address", "localhost", "/8", "", "10.0.0.0/8/8", "example.invalid/24"})
    void badInputIsRejectedWithTheTextNamed(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text.trim());
    }
}
