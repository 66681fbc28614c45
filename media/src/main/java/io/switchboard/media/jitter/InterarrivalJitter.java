package io.switchboard.media.jitter;

/**
 * The interarrival jitter estimate of RFC 3550 §6.4.1 (code in appendix A.8): the mean deviation of the
 * difference in transit time between consecutive packets, smoothed with gain 1/16, in RTP timestamp
 * units. It is what RTCP receiver reports carry, so the buffer's target delay and our reports agree.
 */
final class InterarrivalJitter {
    private final double unitsPerNano;
    private boolean primed;
    private double lastTransit;
    private double jitter;

    InterarrivalJitter(int clockRate) {
        this.unitsPerNano = clockRate / 1e9;
    }

    /** Adds a packet with extended RTP timestamp {@code timestamp} that arrived at {@code arrivalNanos}. */
    void update(long timestamp, long arrivalNanos) {
        double transit = arrivalNanos * unitsPerNano - timestamp;
        if (primed) {
            jitter += (Math.abs(transit - lastTransit) - jitter) / 16;
        }
        lastTransit = transit;
        primed = true;
    }

    /** The current estimate, RTP timestamp units. */
    double units() {
        return jitter;
    }

    /** Forgets the transit reference after a timestamp jump, keeping the estimate. */
    void restart() {
        primed = false;
    }

    /** Forgets everything (a new source). */
    void reset() {
        primed = false;
        jitter = 0;
    }
}
