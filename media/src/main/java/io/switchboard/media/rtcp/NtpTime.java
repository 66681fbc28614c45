package io.switchboard.media.rtcp;

import java.time.Instant;

/**
 * NTP timestamps as RTCP carries them (RFC 3550 §4): 64 bits, seconds since 1 January 1900 in the upper
 * half and the fraction of a second in the lower half, held in a {@code long} (unsigned, wrapping in
 * 2036 as the NTP era does, RFC 5905 §6). Reports also use the "middle 32 bits" — 16 bits of seconds and
 * 16 of fraction, units of 1/65536 s — for LSR, DLSR and the round-trip time (§6.4.1).
 */
public final class NtpTime {
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long UNIX_EPOCH_OFFSET = 2_208_988_800L;
    /** The unit of the middle-32-bit format: 1/65536 s. */
    public static final int SHORT_UNITS_PER_SECOND = 65536;

    private NtpTime() {
    }

    /** The 64-bit NTP timestamp of {@code instant}. */
    public static long of(Instant instant) {
        long seconds = instant.getEpochSecond() + UNIX_EPOCH_OFFSET;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return seconds << 32 | fraction;
    }

    /** The middle 32 bits of a 64-bit timestamp (the LSR field, §6.4.1). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }

    /** The time between two 64-bit timestamps in units of 1/65536 s, 0 if {@code later} is earlier. */
    public static long shortDelay(long earlier, long later) {
        long d = later - earlier;
        return d <= 0 ? 0 : Math.min(d >>> 16, 0xFFFFFFFFL);
    }

    /**
     * The round trip from a report block about our stream (§6.4.1): {@code A - LSR - DLSR}, where A is the
     * middle 32 bits of our NTP time when the block arrived; all three in units of 1/65536 s, modulo 2^32.
     *
     * @return the round trip in 1/65536 s, or -1 when the block carries no LSR or the result is negative
     *         (the far end's DLSR is longer than the time that passed)
     */
    public static long roundTrip(long arrivalMiddle32, long lsr, long dlsr) {
        if (lsr == 0) {
            return -1;
        }
        int rtt = (int) (arrivalMiddle32 - lsr - dlsr);
        return rtt < 0 ? -1 : rtt;
    }

    /** Converts units of 1/65536 s to milliseconds. */
    public static double shortToMillis(long units) {
        return units * 1000.0 / SHORT_UNITS_PER_SECOND;
    }
}
