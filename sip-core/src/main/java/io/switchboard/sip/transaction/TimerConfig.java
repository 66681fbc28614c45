package io.switchboard.sip.transaction;

import java.time.Duration;

/** RFC 3261 Table 4 timer values derived from T1, T2 and T4. */
public record TimerConfig(Duration t1, Duration t2, Duration t4) {

    /** 64*T1: Timers B, F, H, J (unreliable), L and M (RFC 6026). */
    public Duration sixtyFourT1() {
        return t1.multipliedBy(64);
    }

    /** Timer D: at least 32 s for unreliable transports (§17.1.1.2). */
    public Duration timerD() {
        Duration d = t1.multipliedBy(64);
        return d.compareTo(Duration.ofSeconds(32)) > 0 ? d : Duration.ofSeconds(32);
    }

    /** The next retransmit interval after {@code current}, capped at {@code cap} (Timers A, E, G). */
    public static Duration doubled(Duration current, Duration cap) {
        Duration next = current.multipliedBy(2);
        return cap != null && next.compareTo(cap) > 0 ? cap : next;
    }
}
