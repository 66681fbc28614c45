package io.switchboard.ivr.simulate;

import io.switchboard.core.lane.Lane;
import io.switchboard.core.lane.VirtualLane;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link VirtualLane} that other threads may post to: their tasks wait in an inbox until the owner
 * thread moves them onto the lane ({@link #pump()}, {@link #awaitInbox}). Lets the simulator and tests
 * run on virtual time while real I/O (an HTTP request on a local server) completes on its own threads.
 */
public final class InboxLane implements Lane {
    private final VirtualLane lane;
    private final Thread owner = Thread.currentThread();
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();

    /** Owned by the calling thread. */
    public InboxLane(VirtualLane lane) {
        this.lane = lane;
    }

    public VirtualLane virtual() {
        return lane;
    }

    @Override
    public void execute(Runnable task) {
        if (Thread.currentThread() == owner) {
            lane.execute(task);
        } else {
            inbox.add(task);
        }
    }

    @Override
    public TimerHandle schedule(Duration delay, Runnable task) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("timers are scheduled from the lane's own thread only");
        }
        return lane.schedule(delay, task);
    }

    @Override
    public InstantSource clock() {
        return lane.clock();
    }

    @Override
    public boolean inLane() {
        return lane.inLane();
    }

    /** Moves posted tasks onto the lane and runs everything due now; true if anything was posted. */
    public boolean pump() {
        boolean any = false;
        Runnable r;
        while ((r = inbox.poll()) != null) {
            lane.execute(r);
            any = true;
        }
        lane.runAll();
        return any;
    }

    /** Waits up to {@code realTime} for another thread to post, then runs it; false if nothing came. */
    public boolean awaitInbox(Duration realTime) throws InterruptedException {
        Runnable r = inbox.poll(realTime.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            return false;
        }
        lane.execute(r);
        pump();
        return true;
    }
}
