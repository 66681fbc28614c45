package io.switchboard.customer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Virtual time for storage tests: starts at a fixed instant, moves only when told. */
public final class FakeClock implements InstantSource {
    private Instant now;

    public FakeClock(Instant start) {
        this.now = start;
    }

    public FakeClock() {
        this(Instant.parse("2026-03-01T08:00:00Z"));
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    public synchronized Instant advance(Duration d) {
        now = now.plus(d);
        return now;
    }
}
