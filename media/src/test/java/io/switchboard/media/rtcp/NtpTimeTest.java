package io.switchboard.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void convertsInstantsToNtpTimestamps() {
        assertThat(NtpTime.of(Instant.ofEpochSecond(0))).isEqualTo(2_208_988_800L << 32);
        assertThat(NtpTime.of(Instant.ofEpochSecond(0, 500_000_000)) & 0xFFFFFFFFL).isEqualTo(0x80000000L);
        assertThat(NtpTime.of(Instant.ofEpochSecond(1, 250_000_000)) & 0xFFFFFFFFL).isEqualTo(0x40000000L);
    }

    /** The example of RFC 3550 §6.4.1, figure 2. */
    @Test
    void roundTripOfTheRfcExample() {
        long lsr = NtpTime.middle32(NtpTime.of(Instant.parse("1995-11-10T11:33:25.125Z")));
        assertThat(lsr).isEqualTo(0xB7052000L);
        long a = NtpTime.middle32(NtpTime.of(Instant.parse("1995-11-10T11:33:36.500Z")));
        assertThat(a).isEqualTo(0xB7108000L);
        long dlsr = 0x00054000L; // 5.25 s
        long rtt = NtpTime.roundTrip(a, lsr, dlsr);
        assertThat(rtt).isEqualTo(0x00062000L);
        assertThat(NtpTime.shortToMillis(rtt)).isEqualTo(6125.0);
    }

    @Test
    void roundTripIsUnknownWithoutLsrOrWhenNegative() {
        assertThat(NtpTime.roundTrip(0xB7108000L, 0, 0)).isEqualTo(-1);
        assertThat(NtpTime.roundTrip(0xB7052000L, 0xB7052000L, 1)).isEqualTo(-1);
        // across the 16-bit seconds wrap
        assertThat(NtpTime.roundTrip(0x00001000L, 0xFFFFF000L, 0x1000L)).isEqualTo(0x1000L);
    }

    @Test
    void shortDelayIsInUnitsOf1Over65536Seconds() {
        long t = NtpTime.of(Instant.parse("2024-01-01T00:00:00Z"));
        long later = NtpTime.of(Instant.parse("2024-01-01T00:00:05.250Z"));
        assertThat(NtpTime.shortDelay(t, later)).isEqualTo(0x00054000L);
        assertThat(NtpTime.shortDelay(later, t)).isZero();
    }
}
