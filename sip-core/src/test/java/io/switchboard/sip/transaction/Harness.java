package io.switchboard.sip.transaction;

import io.switchboard.core.lane.VirtualLane;
import java.time.Duration;

/** A transaction layer on virtual time with a recording wire: RFC 3261 default timers. */
public final class Harness {
    public static final Duration T1 = Duration.ofMillis(500);
    public static final Duration T2 = Duration.ofSeconds(4);
    public static final Duration T4 = Duration.ofSeconds(5);

    public final VirtualLane lane = new VirtualLane();
    public final RecordingWire wire = new RecordingWire(lane);
    public final TransactionCounters counters = new TransactionCounters();
    public final TimerConfig timers = new TimerConfig(T1, T2, T4);
    public final TransactionLayer layer;

    public Harness() {
        this(1000);
    }

    public Harness(int maxTransactions) {
        this.layer = new TransactionLayer(lane, wire, timers, counters, maxTransactions);
    }

    public static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
