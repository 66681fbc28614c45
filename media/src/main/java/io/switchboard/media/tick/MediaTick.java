package io.switchboard.media.tick;

import io.switchboard.core.lane.Lane;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The 20 ms heartbeat of one lane's generated media (ARCHITECTURE.md: "Media is paced by one 20 ms tick
 * per lane that sends every due frame of every stream on that lane"). Players, recorders and jitter
 * buffers register a {@link Tickable}; each tick calls every one of them once, in registration order.
 *
 * <p>Ticks are scheduled against absolute times ({@code start + n × 20 ms}), so a late tick does not push
 * the later ones back: when the lane fell behind by more than a frame, the missed ticks are run at once
 * (up to {@link #MAX_CATCH_UP}) so streams keep their rate, and beyond that skipped and counted. The tick
 * runs only while something is registered.
 *
 * <p>Lane-confined: call every method on the lane.
 */
public final class MediaTick {
    /** The frame interval. */
    public static final Duration PERIOD = Duration.ofMillis(20);
    /** Ticks run back to back at most when the lane was late. */
    static final int MAX_CATCH_UP = 5;

    /** Something driven by the tick. */
    @FunctionalInterface
    public interface Tickable {
        /** One 20 ms step; return false to be removed. */
        boolean tick();
    }

    private final Lane lane;
    private final List<Tickable> tickables = new ArrayList<>();
    private Lane.TimerHandle timer = Lane.TimerHandle.NONE;
    private Instant next;
    private long ticks;
    private long skipped;
    private boolean firing;

    public MediaTick(Lane lane) {
        this.lane = lane;
    }

    /** Starts ticking {@code t} from the next tick. */
    public void add(Tickable t) {
        tickables.add(t);
        if (!firing && timer == Lane.TimerHandle.NONE) {
            next = lane.clock().instant().plus(PERIOD);
            schedule();
        }
    }

    /** Stops ticking {@code t} (no effect if it is not registered). */
    public void remove(Tickable t) {
        tickables.remove(t);
        if (tickables.isEmpty() && !firing) {
            timer.cancel();
            timer = Lane.TimerHandle.NONE;
        }
    }

    /** Ticks run so far. */
    public long ticks() {
        return ticks;
    }

    /** Ticks dropped because the lane was more than {@link #MAX_CATCH_UP} frames late. */
    public long skipped() {
        return skipped;
    }

    public int size() {
        return tickables.size();
    }

    private void schedule() {
        Duration delay = Duration.between(lane.clock().instant(), next);
        timer = lane.schedule(delay.isNegative() ? Duration.ZERO : delay, this::fire);
    }

    private void fire() {
        firing = true;
        Instant now = lane.clock().instant();
        int due = 0;
        while (!next.isAfter(now)) {
            next = next.plus(PERIOD);
            due++;
        }
        if (due > MAX_CATCH_UP) {
            skipped += due - MAX_CATCH_UP;
            due = MAX_CATCH_UP;
        }
        for (int i = 0; i < Math.max(1, due); i++) {
            runOnce();
        }
        firing = false;
        if (tickables.isEmpty()) {
            timer = Lane.TimerHandle.NONE;
        } else {
            schedule();
        }
    }

    private void runOnce() {
        ticks++;
        for (int i = 0; i < tickables.size(); i++) {
            Tickable t = tickables.get(i);
            boolean keep;
            try {
                keep = t.tick();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(MediaTick.class).warn("media tick: {} failed and was removed", t, e);
                keep = false;
            }
            if (!keep) {
                tickables.remove(i);
                i--;
            }
        }
    }
}
