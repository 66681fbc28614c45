package io.switchboard.routing.acd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How tasks leave the engine: completed by their agent (the slot then wraps up), abandoned by the
 * customer, or overflowed (max wait, max size) to another queue or to a target the app interprets.
 * Each ending withdraws open offers and refills the agents they freed, and is counted for the queue's
 * service level and abandon rate.
 */
final class Endings {
    private final EngineCore core;
    private final Dispatch dispatch;

    Endings(EngineCore core, Dispatch dispatch) {
        this.core = core;
        this.dispatch = dispatch;
    }

    void maxWaitOver(Task t) {
        if (t.phase == TaskPhase.WAITING || t.phase == TaskPhase.RESERVED || t.phase == TaskPhase.OFFERED) {
            overflow(t, "max_wait");
        }
    }

    void overflow(Task t, String reason) {
        QueueRuntime q = t.queue;
        List<Agent> freed = end(t, TaskPhase.Event.OVERFLOW);
        q.overflowed++;
        String target = q.config.overflow();
        core.publish(new AcdEvent.TaskOverflowed(t.id, q.id, target, reason));
        core.publishStats(q);
        QueueRuntime next = target != null && target.startsWith(QueueConfig.QUEUE_TARGET)
                ? core.queues.get(target.substring(QueueConfig.QUEUE_TARGET.length())) : null;
        if (next != null) {
            dispatch.enqueue(t.request.withQueue(next.id), next);
        }
        freed.forEach(dispatch::fill);
    }

    void abandon(Task t) {
        QueueRuntime q = t.queue;
        long wait = core.now() - t.enqueuedNanos;
        List<Agent> freed = end(t, TaskPhase.Event.ABANDON);
        q.abandoned++;
        if (wait > q.slaNanos) {
            q.abandonedAfterSla++;
        }
        core.publish(new AcdEvent.TaskAbandoned(t.id, q.id, wait / 1_000_000));
        core.publishStats(q);
        freed.forEach(dispatch::fill);
    }

    private List<Agent> end(Task t, TaskPhase.Event event) {
        List<Agent> freed = new ArrayList<>(t.offers.size());
        for (Offer o : EngineCore.copy(t.offers)) {
            dispatch.close(o);
            freed.add(o.agent);
            core.publish(new AcdEvent.OfferWithdrawn(t.id, t.queue.id, o.agent.id));
        }
        core.unregister(t);
        t.to(event);
        return freed;
    }

    /** The agent finished {@code t}; its slot stays closed for {@code wrapUp}. */
    void complete(Task t, Duration wrapUp) {
        Agent a = t.assignedTo;
        MediaType m = t.media();
        t.to(TaskPhase.Event.COMPLETE);
        core.tasks.remove(t.id);
        AgentState before = core.detach(a);
        a.active[m.ordinal()]--;
        Agent.WrapUp w = null;
        if (!wrapUp.isZero()) {
            w = new Agent.WrapUp(m);
            a.wrapping[m.ordinal()]++;
            a.wrapUps.add(w);
        } else if (a.usedTotal() == 0) {
            a.idleSince = core.now();
        }
        core.attach(a, before);
        if (w != null) {
            Agent.WrapUp slot = w;
            w.timer = core.lane.schedule(wrapUp, () -> wrapUpOver(a, slot));
        }
        core.publish(new AcdEvent.TaskCompleted(t.id, t.queue.id, a.id, wrapUp.toMillis()));
        dispatch.fill(a);
    }

    private void wrapUpOver(Agent a, Agent.WrapUp w) {
        if (!a.wrapUps.remove(w)) {
            return;
        }
        AgentState before = core.detach(a);
        a.wrapping[w.media.ordinal()]--;
        if (a.usedTotal() == 0) {
            a.idleSince = core.now();
        }
        core.attach(a, before);
        dispatch.fill(a);
    }
}
