package io.switchboard.sip.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sip.auth.ManualClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-source rate limit (token bucket) and failed-authentication bans, on a manual clock. */
class AbusePolicyTest {
    private final ManualClock clock = new ManualClock();

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private AbusePolicy policy(int rate, int burst, int failures, List<String> exempt) {
        return new AbusePolicy(rate, burst, failures, Duration.ofMinutes(10), exempt, clock);
    }

    private static int admitted(AbusePolicy p, InetAddress a, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (p.admit(a)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aBurstIsAdmittedThenTheRateRefillsIt() {
        AbusePolicy p = policy(10, 5, 3, List.of());
        InetAddress a = ip("198.51.100.7");
        assertThat(admitted(p, a, 8)).isEqualTo(5);
        clock.advance(Duration.ofMillis(99));
        assertThat(p.admit(a)).as("under one token after 99 ms at 10/s").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(p.admit(a)).isTrue();
        assertThat(p.admit(a)).isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(admitted(p, a, 20)).as("refill is capped at the burst").isEqualTo(5);
        assertThat(p.snapshot()).containsEntry("rateLimited", 3L + 1 + 1 + 15);
    }

    @Test
    void eachSourceHasItsOwnBucket() {
        AbusePolicy p = policy(1, 2, 3, List.of());
        assertThat(admitted(p, ip("198.51.100.7"), 5)).isEqualTo(2);
        assertThat(admitted(p, ip("198.51.100.8"), 5)).isEqualTo(2);
        assertThat(admitted(p, ip("2001:db8::1"), 5)).isEqualTo(2);
    }

    @Test
    void exemptBlocksAreNotRateLimited() {
        AbusePolicy p = policy(1, 1, 3, List.of("127.0.0.0/8", "::1/128", "10.1.0.0/16"));
        assertThat(admitted(p, ip("127.0.0.1"), 1000)).isEqualTo(1000);
        assertThat(admitted(p, ip("::1"), 1000)).isEqualTo(1000);
        assertThat(admitted(p, ip("10.1.200.3"), 1000)).isEqualTo(1000);
        assertThat(admitted(p, ip("10.2.0.1"), 10)).isEqualTo(1);
    }

    @Test
    void repeatedAuthFailuresBanTheSourceForTheBanTimeEvenWhenExempt() {
        AbusePolicy p = policy(100, 100, 3, List.of("127.0.0.0/8"));
        for (InetAddress a : List.of(ip("198.51.100.7"), ip("127.0.0.5"))) {
            p.authFailed(a, "1000", "wrong password");
            p.authFailed(a, "1000", "wrong password");
            assertThat(p.isBanned(a)).isFalse();
            assertThat(p.admit(a)).isTrue();
            p.authFailed(a, "1000", "wrong password");
            assertThat(p.isBanned(a)).isTrue();
            assertThat(p.admit(a)).isFalse();
        }
        assertThat(p.admit(ip("198.51.100.8"))).as("others unaffected").isTrue();
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(p.admit(ip("198.51.100.7"))).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(p.isBanned(ip("198.51.100.7"))).isFalse();
        assertThat(p.admit(ip("198.51.100.7"))).as("ban lifted").isTrue();
        assertThat(p.snapshot()).containsEntry("bannedDrops", 3L).containsEntry("banned", 1);
        // The count starts again from zero after a ban.
        p.authFailed(ip("198.51.100.7"), "1000", "wrong password");
        assertThat(p.isBanned(ip("198.51.100.7"))).isFalse();
    }

    @Test
    void aSuccessfulAuthenticationResetsTheFailureCount() {
        AbusePolicy p = policy(100, 100, 3, List.of());
        InetAddress a = ip("198.51.100.9");
        p.authFailed(a, "1000", "wrong password");
        p.authFailed(a, "1000", "wrong password");
        p.authSucceeded(a);
        p.authFailed(a, "1000", "wrong password");
        p.authFailed(a, "1000", "wrong password");
        assertThat(p.isBanned(a)).isFalse();
        p.authFailed(a, "1000", "wrong password");
        assertThat(p.isBanned(a)).isTrue();
    }
}
