package io.switchboard.media.rtcp;

/**
 * What we received of the far end's RTP stream, kept as RFC 3550 appendix A prescribes: sequence
 * validation, wrap counting and loss (§A.1, §A.3), interarrival jitter (§A.8), and the last SR for LSR
 * and DLSR (§6.4.1). {@link #report} turns it into a {@link ReportBlock}.
 *
 * <p>A new SSRC starts the statistics over and is only counted after {@link #MIN_SEQUENTIAL} packets in
 * sequence (§A.1 probation). Jitter skips a packet carrying the same timestamp as the previous one: RFC
 * 4733 telephone events repeat their start timestamp for the whole event, and would otherwise read as
 * 50 ms of jitter per packet.
 *
 * <p>{@link #onPacket} runs for every packet on the socket's event loop: no allocation, no clock call
 * (the caller passes the arrival time). Not thread-safe: confined to that event loop.
 */
public final class ReceptionStatistics {
    /** Largest forward jump still treated as the same stream (§A.1). */
    public static final int MAX_DROPOUT = 3000;
    /** Largest backward jump treated as a late packet rather than a restart (§A.1). */
    public static final int MAX_MISORDER = 100;
    /** Packets in sequence before a new source counts (§A.1). */
    public static final int MIN_SEQUENTIAL = 2;
    private static final int SEQ_MOD = 1 << 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private boolean hasSource;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private int lastFraction;

    private int clockRate = 8000;
    private long epochNanos;
    private boolean hasTransit;
    private int transit;
    private long lastTimestamp;
    private long jitterQ4;

    private boolean hasSr;
    private long srSsrc;
    private long srMiddle;
    private long srArrivalNtp;

    /** The RTP clock of the stream (Hz), for jitter; a change restarts the transit-time baseline. */
    public void setClockRate(int hz) {
        if (hz <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + hz);
        }
        if (hz != clockRate) {
            jitterQ4 = jitterQ4 * hz / clockRate;
            clockRate = hz;
            hasTransit = false;
        }
    }

    public int clockRate() {
        return clockRate;
    }

    /**
     * Accounts one RTP packet.
     *
     * @param arrivalNanos a monotonic arrival time ({@link System#nanoTime()})
     * @return true when the packet counted; false while a new source is on probation or after a jump
     *         that may be a restart (§A.1)
     */
    public boolean onPacket(long packetSsrc, int seq, long timestamp, long arrivalNanos) {
        if (!hasSource || packetSsrc != ssrc) {
            hasSource = true;
            ssrc = packetSsrc;
            initSequence(seq);
            maxSeq = (seq - 1) & 0xFFFF;
            probation = MIN_SEQUENTIAL;
            epochNanos = arrivalNanos;
            hasTransit = false;
            jitterQ4 = 0;
        }
        if (!updateSequence(seq)) {
            return false;
        }
        if (hasTransit && timestamp == lastTimestamp) {
            return true;
        }
        long elapsed = arrivalNanos - epochNanos;
        long arrival = elapsed / NANOS_PER_SECOND * clockRate + elapsed % NANOS_PER_SECOND * clockRate / NANOS_PER_SECOND;
        int t = (int) (arrival - timestamp);
        if (hasTransit) {
            long d = Math.abs((long) t - transit);
            jitterQ4 += d - ((jitterQ4 + 8) >> 4);
        }
        transit = t;
        lastTimestamp = timestamp;
        hasTransit = true;
        return true;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    private boolean updateSequence(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                initSequence(seq);
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        received++;
        return true;
    }

    /** Remembers an SR of {@code srcSsrc} for the LSR and DLSR of our next report about it. */
    public void onSenderReport(long srcSsrc, long ntpTimestamp, long arrivalNtp) {
        hasSr = true;
        srSsrc = srcSsrc;
        srMiddle = NtpTime.middle32(ntpTimestamp);
        srArrivalNtp = arrivalNtp;
    }

    /** True once a source passed probation: there is something to report. */
    public boolean hasValidSource() {
        return hasSource && probation == 0;
    }

    /** The SSRC of the stream we receive (meaningful once {@link #hasValidSource}). */
    public long ssrc() {
        return ssrc;
    }

    /** The extended highest sequence number received: wraps in the upper 16 bits. */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** Packets expected since the source became valid (§A.3). */
    public long expected() {
        return hasValidSource() ? extendedHighestSequence() - baseSeq + 1 : 0;
    }

    /** Packets counted (duplicates included, as §A.3 does). */
    public long received() {
        return hasValidSource() ? received : 0;
    }

    /** Expected minus received; negative when duplicates arrived. */
    public long cumulativeLost() {
        return expected() - received();
    }

    /** The jitter estimate in timestamp units ({@code J} of §6.4.1). */
    public long jitter() {
        return jitterQ4 >> 4;
    }

    /** The jitter estimate in milliseconds, by the current clock rate. */
    public double jitterMillis() {
        return jitter() * 1000.0 / clockRate;
    }

    /** The fraction lost (of 256) in the interval ending at the last {@link #report}. */
    public int lastFractionLost() {
        return lastFraction;
    }

    /**
     * The report block for the current source, and the start of a new reporting interval (§A.3).
     * Call only when {@link #hasValidSource}.
     *
     * @param nowNtp our NTP time now, for DLSR
     */
    public ReportBlock report(long nowNtp) {
        long expected = expected();
        long lost = Math.max(ReportBlock.MIN_CUMULATIVE_LOST, Math.min(ReportBlock.MAX_CUMULATIVE_LOST, expected - received));
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        lastFraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        boolean sr = hasSr && srSsrc == ssrc;
        return new ReportBlock(ssrc, lastFraction, (int) lost, extendedHighestSequence() & 0xFFFFFFFFL,
                Math.min(jitter(), 0xFFFFFFFFL), sr ? srMiddle : 0, sr ? NtpTime.shortDelay(srArrivalNtp, nowNtp) : 0);
    }
}
