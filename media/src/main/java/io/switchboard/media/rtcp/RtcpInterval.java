package io.switchboard.media.rtcp;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to send the next compound RTCP packet (RFC 3550 §6.2, §6.3.1), for a two-party unicast session.
 *
 * <p>The deterministic interval is the time the members' reports take at the RTCP bandwidth (5 % of the
 * session bandwidth, §6.2), {@code members × avg_rtcp_size / rtcp_bw}, but at least the minimum (5 s,
 * half of it before the first report). The result is multiplied by a random factor in [0.5, 1.5) so that
 * reports of many sessions do not synchronise. Timer reconsideration and its e−3/2 compensation (§6.3.6,
 * A.7) only matter when membership changes fast, so they are left out: a call has two members.
 *
 * <p>{@link #sent}/{@link #received} keep {@code avg_rtcp_size} (§6.3.3). Confined to the event loop.
 */
public final class RtcpInterval {
    /** The recommended minimum interval (§6.2). */
    public static final Duration MINIMUM = Duration.ofSeconds(5);
    /** The session bandwidth assumed: G.711 at 20 ms with IPv4, UDP and RTP headers (§6.2 counts them). */
    public static final long SESSION_BANDWIDTH_BPS = 80_000;
    /** IPv4 and UDP header octets added to each RTCP packet's size (§6.3.3). */
    private static final int LOWER_LAYER_OCTETS = 28;
    private static final int MEMBERS = 2;

    private final long minimumNanos;
    private final double rtcpOctetsPerSecond;
    private double averageSize = 128;

    /** A unicast interval with {@code minimum} and the default session bandwidth. */
    public RtcpInterval(Duration minimum) {
        this(minimum, SESSION_BANDWIDTH_BPS);
    }

    /**
     * @param minimum              the minimum interval (5 s by RFC; shorter only in tests)
     * @param sessionBandwidthBps  the session bandwidth in bit/s
     */
    public RtcpInterval(Duration minimum, long sessionBandwidthBps) {
        if (minimum.isNegative() || minimum.isZero() || sessionBandwidthBps <= 0) {
            throw new IllegalArgumentException("minimum interval and session bandwidth must be positive");
        }
        this.minimumNanos = minimum.toNanos();
        this.rtcpOctetsPerSecond = sessionBandwidthBps * 0.05 / 8;
    }

    /** Accounts a compound packet we sent ({@code octets} of RTCP, lower layers added here). */
    public void sent(int octets) {
        averageSize += (octets + LOWER_LAYER_OCTETS - averageSize) / 16;
    }

    /** Accounts a compound packet we received. */
    public void received(int octets) {
        sent(octets);
    }

    /** The average compound packet size in octets, lower layers included. */
    public double averageSize() {
        return averageSize;
    }

    /** The deterministic interval {@code Td} in nanoseconds (§6.3.1). */
    public long deterministicNanos(boolean initial) {
        long minimum = initial ? minimumNanos / 2 : minimumNanos;
        long bandwidth = (long) (MEMBERS * averageSize / rtcpOctetsPerSecond * 1e9);
        return Math.max(minimum, bandwidth);
    }

    /** The next interval: {@link #deterministicNanos} × a random factor in [0.5, 1.5). */
    public long nextNanos(boolean initial, RandomGenerator random) {
        return (long) (deterministicNanos(initial) * (0.5 + random.nextDouble()));
    }
}
