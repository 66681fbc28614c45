package io.switchboard.routing.acd;

import io.switchboard.core.lane.Lane;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A task's live state on the engine lane. {@code orderKey} places it in its line (see
 * {@link QueueRuntime#orderKey}); agents who rejected or missed it are remembered so the retry goes to
 * the next agent instead of ringing the same phone again.
 */
final class Task {
    final TaskRequest request;
    final String id;
    final long seq;
    final QueueRuntime queue;
    final WaitingLine line;
    final long enqueuedNanos;
    final long orderKey;
    final List<Offer> offers = new ArrayList<>(1);
    TaskPhase phase = TaskPhase.WAITING;
    Agent reservedFor;
    Agent assignedTo;
    Set<String> excluded;
    Lane.TimerHandle maxWaitTimer = Lane.TimerHandle.NONE;
    Lane.TimerHandle headStartTimer = Lane.TimerHandle.NONE;

    Task(TaskRequest request, long seq, QueueRuntime queue, long enqueuedNanos) {
        this.request = request;
        this.id = request.id();
        this.seq = seq;
        this.queue = queue;
        this.line = queue.line(request.media(), request.skills());
        this.enqueuedNanos = enqueuedNanos;
        this.orderKey = queue.orderKey(request.priority(), enqueuedNanos);
    }

    MediaType media() {
        return request.media();
    }

    boolean excludes(Agent a) {
        return excluded != null && excluded.contains(a.id);
    }

    void exclude(Agent a) {
        if (excluded == null) {
            excluded = new HashSet<>(2);
        }
        excluded.add(a.id);
    }

    Offer offerTo(String agentId) {
        for (Offer o : offers) {
            if (o.agent.id.equals(agentId)) {
                return o;
            }
        }
        return null;
    }

    /** Moves along {@link TaskPhase#TABLE}; a missing row here is an engine bug, commands check first. */
    void to(TaskPhase.Event event) {
        phase = TaskPhase.TABLE.next(phase, event).orElseThrow(() ->
                new IllegalStateException("task " + id + ": no transition for " + event + " in " + phase));
    }
}
