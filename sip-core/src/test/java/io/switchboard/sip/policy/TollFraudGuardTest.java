package io.switchboard.sip.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class TollFraudGuardTest {
    private Instant now = Instant.parse("2026-11-26T00:00:00Z");
    private final InstantSource clock = () -> now;

    @Test
    void aBurstOfRefusedAttemptsBlocksTheExtensionForTheBlockTime() {
        TollFraudGuard guard = new TollFraudGuard(3, Duration.ofSeconds(60), Duration.ofMinutes(30), clock);
        guard.refused("1001", "192.0.2.7", "+16502530000", 403);
        guard.refused("1001", "192.0.2.7", "+16502530001", 403);
        assertThat(guard.isBlocked("1001")).isFalse();
        guard.refused("1001", "192.0.2.7", "+16502530002", 403);
        assertThat(guard.isBlocked("1001")).isTrue();
        assertThat(guard.isBlocked("1002")).as("other extensions").isFalse();
        assertThat(guard.blocks()).isEqualTo(1);
        now = now.plus(Duration.ofMinutes(29));
        assertThat(guard.isBlocked("1001")).isTrue();
        now = now.plus(Duration.ofMinutes(2));
        assertThat(guard.isBlocked("1001")).isFalse();
    }

    @Test
    void attemptsSpreadBeyondTheWindowDoNotAddUp() {
        TollFraudGuard guard = new TollFraudGuard(3, Duration.ofSeconds(60), Duration.ofMinutes(30), clock);
        for (int i = 0; i < 10; i++) {
            guard.refused("1001", "192.0.2.7", "+4420000000" + i, 403);
            now = now.plus(Duration.ofSeconds(31));
        }
        assertThat(guard.isBlocked("1001")).isFalse();
    }

    @Test
    void zeroFailuresTurnsTheGuardOff() {
        TollFraudGuard guard = new TollFraudGuard(0, Duration.ofSeconds(60), Duration.ofMinutes(30), clock);
        for (int i = 0; i < 100; i++) {
            guard.refused("1001", "192.0.2.7", "+16502530000", 403);
        }
        assertThat(guard.isBlocked("1001")).isFalse();
    }
}
