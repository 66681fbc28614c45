package io.switchboard.sip.transport;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.core.lane.Lane;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/**
 * A lane that is a Netty event loop: a message whose Call-ID maps to the loop that received it is
 * handled there without a thread hop, and datagrams sent from it leave through that loop's own
 * socket. Call logic never blocks (blocking work goes to pools), so sharing the loop is safe.
 */
public final class EventLoopLane implements Lane {
    private final EventLoop loop;

    public EventLoopLane(EventLoop loop) {
        this.loop = loop;
    }

    public EventLoop loop() {
        return loop;
    }

    @Override
    public void execute(Runnable task) {
        if (loop.isShuttingDown()) {
            return;
        }
        loop.execute(() -> run(task));
    }

    @Override
    public TimerHandle schedule(Duration delay, Runnable task) {
        if (loop.isShuttingDown()) {
            return TimerHandle.NONE;
        }
        ScheduledFuture<?> f = loop.schedule(() -> run(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }

    @Override
    public boolean inLane() {
        return loop.inEventLoop();
    }

    public static void run(Runnable task) {
        Lane.runGuarded(task);
    }
}
