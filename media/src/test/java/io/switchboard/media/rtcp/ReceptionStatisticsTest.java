package io.switchboard.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 3550 §A.1, §A.3 and §A.8 against hand-computed values; arrival times are injected. */
class ReceptionStatisticsTest {
    private static final long MS = 1_000_000;
    private static final long SSRC = 0xCAFEL;

    private final ReceptionStatistics stats = new ReceptionStatistics();

    /**
     * 8 kHz, 20 ms packets (timestamp +160), arriving 0, 5, 0, 10, 0, 0 ms late. Transit differences D
     * in timestamp units are 8 × the change of lateness. With J scaled by 16 as in §A.8
     * ({@code J16 += |D| - ((J16 + 8) >> 4)}):
     * <pre>
     * packet 0: probation, not counted
     * packet 1: first transit, J16 = 0
     * packet 2: |D| = 40  J16 = 0 + 40 - 0     = 40    J = 2   (float J = 2.5)
     * packet 3: |D| = 80  J16 = 40 + 80 - 3    = 117   J = 7   (7.34)
     * packet 4: |D| = 80  J16 = 117 + 80 - 7   = 190   J = 11  (11.88)
     * packet 5: |D| = 0   J16 = 190 + 0 - 12   = 178   J = 11  (11.14)
     * </pre>
     */
    @Test
    void jitterFollowsTheRfcEstimator() {
        long[] lateMs = {0, 5, 0, 10, 0, 0};
        long[] expectedJitter = {0, 0, 2, 7, 11, 11};
        long t0 = 1_000_000;
        long base = 987_654_321_000L;
        for (int i = 0; i < lateMs.length; i++) {
            boolean counted = stats.onPacket(SSRC, 100 + i, t0 + 160L * i, base + (20 * i + lateMs[i]) * MS);
            assertThat(counted).as("packet %d", i).isEqualTo(i > 0);
            assertThat(stats.jitter()).as("J after packet %d", i).isEqualTo(expectedJitter[i]);
        }
        assertThat(stats.jitterMillis()).isEqualTo(11 / 8.0);
    }

    @Test
    void jitterAt48kHzUsesThatClock() {
        stats.setClockRate(48000);
        long[] lateMs = {0, 0, 5};
        for (int i = 0; i < lateMs.length; i++) {
            stats.onPacket(SSRC, i, 960L * i, (20 * i + lateMs[i]) * MS);
        }
        // |D| = 5 ms × 48 = 240 units: J16 = 240, J = 15
        assertThat(stats.jitter()).isEqualTo(15);
        assertThat(stats.jitterMillis()).isEqualTo(15 / 48.0);
    }

    @Test
    void telephoneEventPacketsRepeatingTheirTimestampAddNoJitter() {
        for (int i = 0; i < 3; i++) {
            stats.onPacket(SSRC, i, 160L * i, 20 * i * MS);
        }
        // an RFC 4733 event starting at timestamp 480: six packets 50 ms apart, all with timestamp 480
        for (int i = 0; i < 6; i++) {
            stats.onPacket(SSRC, 3 + i, 480, (60 + 50 * i) * MS);
        }
        assertThat(stats.jitter()).isZero();
        assertThat(stats.received()).isEqualTo(8);
    }

    /**
     * Sequence numbers across the 16-bit wrap: 65530 (probation), 65531 (valid: base), 65532, 65533,
     * [65534 lost], 65535, 0, [1, 2 lost], 3, 4. Extended highest = 65536 + 4 = 65540; expected =
     * 65540 − 65531 + 1 = 10; received = 7; lost = 3; fraction = (3 &lt;&lt; 8) / 10 = 76.
     * Then 5..14 and a duplicate of 14: expected 20, received 18, lost 2; the interval expected 10 and
     * received 11, so its fraction lost is 0.
     */
    @Test
    void lossAndFractionLostPerInterval() {
        int[] seqs = {65530, 65531, 65532, 65533, 65535, 0, 3, 4};
        long t = 0;
        for (int s : seqs) {
            stats.onPacket(SSRC, s, 0, t += 20 * MS);
        }
        assertThat(stats.extendedHighestSequence()).isEqualTo(65540);
        assertThat(stats.expected()).isEqualTo(10);
        assertThat(stats.received()).isEqualTo(7);
        ReportBlock first = stats.report(0);
        assertThat(first.ssrc()).isEqualTo(SSRC);
        assertThat(first.cumulativeLost()).isEqualTo(3);
        assertThat(first.fractionLost()).isEqualTo(76);
        assertThat(first.extendedHighestSequence()).isEqualTo(0x0001_0004L);

        for (int s = 5; s <= 14; s++) {
            stats.onPacket(SSRC, s, 0, t += 20 * MS);
        }
        stats.onPacket(SSRC, 14, 0, t + 20 * MS);
        ReportBlock second = stats.report(0);
        assertThat(second.cumulativeLost()).isEqualTo(2);
        assertThat(second.fractionLost()).isZero();
        assertThat(second.extendedHighestSequence()).isEqualTo(65550);
    }

    @Test
    void aLargeJumpIsARestartOnlyWhenTheNextPacketFollowsIt() {
        for (int s = 10; s < 20; s++) {
            stats.onPacket(SSRC, s, 0, s * MS);
        }
        assertThat(stats.received()).isEqualTo(9);
        assertThat(stats.onPacket(SSRC, 20_000, 0, 30 * MS)).isFalse();
        assertThat(stats.onPacket(SSRC, 20, 0, 31 * MS)).as("back in sequence").isTrue();
        assertThat(stats.onPacket(SSRC, 30_000, 0, 32 * MS)).isFalse();
        assertThat(stats.onPacket(SSRC, 30_001, 0, 33 * MS)).as("the jump's successor: a restart").isTrue();
        assertThat(stats.received()).isEqualTo(1);
        assertThat(stats.expected()).isEqualTo(1);
    }

    @Test
    void aNewSsrcStartsOverWithProbation() {
        for (int s = 0; s < 5; s++) {
            stats.onPacket(SSRC, s, 0, s * MS);
        }
        assertThat(stats.onPacket(SSRC + 1, 500, 0, 10 * MS)).isFalse();
        assertThat(stats.hasValidSource()).isFalse();
        assertThat(stats.onPacket(SSRC + 1, 501, 0, 11 * MS)).isTrue();
        assertThat(stats.ssrc()).isEqualTo(SSRC + 1);
        assertThat(stats.received()).isEqualTo(1);
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void lsrAndDlsrComeFromTheLastSenderReportOfTheSource() {
        stats.onPacket(SSRC, 1, 0, 0);
        stats.onPacket(SSRC, 2, 160, 20 * MS);
        long srNtp = NtpTime.of(Instant.parse("1995-11-10T11:33:25.125Z"));
        long arrival = NtpTime.of(Instant.parse("1995-11-10T11:33:26Z"));
        stats.onSenderReport(SSRC, srNtp, arrival);
        ReportBlock b = stats.report(NtpTime.of(Instant.parse("1995-11-10T11:33:31.250Z")));
        assertThat(b.lastSr()).isEqualTo(0xB7052000L);
        assertThat(b.delaySinceLastSr()).isEqualTo(0x00054000L);

        stats.onSenderReport(SSRC + 9, srNtp, arrival);
        assertThat(stats.report(arrival).lastSr()).as("an SR of another source").isZero();
    }
}
