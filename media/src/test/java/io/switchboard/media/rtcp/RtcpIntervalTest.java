package io.switchboard.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RtcpIntervalTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void twoPartyG711UsesTheFiveSecondMinimumRandomised() {
        RtcpInterval interval = new RtcpInterval(RtcpInterval.MINIMUM);
        assertThat(interval.deterministicNanos(false)).isEqualTo(5 * SECOND);
        assertThat(interval.deterministicNanos(true)).as("§6.2: half the minimum at first").isEqualTo(5 * SECOND / 2);
        SplittableRandom random = new SplittableRandom(1);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long t = interval.nextNanos(false, random);
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        assertThat(min).isBetween(5 * SECOND / 2, 5 * SECOND / 2 + SECOND / 10);
        assertThat(max).isBetween(15 * SECOND / 2 - SECOND / 10, 15 * SECOND / 2 - 1);
    }

    @Test
    void aLowBandwidthSessionReportsLessOften() {
        // 8 kbit/s session: RTCP gets 50 octet/s; 2 members × 128 octets average = 5.12 s
        RtcpInterval interval = new RtcpInterval(Duration.ofSeconds(1), 8000);
        assertThat(interval.deterministicNanos(false)).isCloseTo(5_120_000_000L, within(1000L));
        // §6.3.3: avg = avg + (size - avg) / 16, with 28 octets of IPv4/UDP per packet
        interval.sent(100);
        assertThat(interval.averageSize()).isEqualTo(128 + (128 - 128) / 16.0);
        interval.received(260);
        assertThat(interval.averageSize()).isEqualTo(128 + (288 - 128) / 16.0);
    }
}
