package io.switchboard.bench.routing;

import io.switchboard.core.lane.Lane;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A lane for measuring the engine alone: commands run inline on the benchmark thread and timers are
 * accepted but never fire (each benchmark operation answers its offer long before any ring timeout).
 * Its clock is moved by the benchmark, so escalation sees waiting time pass.
 */
final class InlineLane implements Lane {
    private long nanos;
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> start.plusNanos(nanos);

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public TimerHandle schedule(Duration delay, Runnable task) {
        return TimerHandle.NONE;
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public boolean inLane() {
        return true;
    }

    void advance(long byNanos) {
        nanos += byNanos;
    }
}
