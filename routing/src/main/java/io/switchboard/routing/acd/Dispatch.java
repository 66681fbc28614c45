package io.switchboard.routing.acd;

import java.util.ArrayList;
import java.util.List;

/**
 * How tasks meet agents: placing a new task (sticky reservation, an agent now, overflow on max size, or
 * its line), offering, answering an offer (accept, reject, ring timeout), and filling an agent's free
 * slots from the lines. Every path that frees a slot ends in {@link #fill}, every path that returns a
 * task to waiting ends in {@link #dispatch}, so no task waits while a qualifying agent is free.
 */
final class Dispatch {
    private final EngineCore core;
    private Endings endings;
    private AgentFlow agentFlow;

    Dispatch(EngineCore core) {
        this.core = core;
    }

    /** Completes the wiring: the three flows call each other (an offer timeout can send an agent away). */
    void wire(Endings e, AgentFlow f) {
        this.endings = e;
        this.agentFlow = f;
    }

    void enqueue(TaskRequest request, QueueRuntime q) {
        Task t = core.register(request, q);
        if (!q.config.maxWait().isZero()) {
            t.maxWaitTimer = core.lane.schedule(q.config.maxWait(), () -> endings.maxWaitOver(t));
        }
        place(t);
    }

    private void place(Task t) {
        QueueRuntime q = t.queue;
        Agent preferred = stickyAgent(t);
        if (preferred != null && !preferred.offerable(t.media())) {
            t.phase = TaskPhase.RESERVED;
            t.reservedFor = preferred;
            preferred.reserved.add(t);
            t.headStartTimer = core.lane.schedule(q.config.stickyHeadStart(), () -> headStartOver(t));
        } else {
            List<Agent> found = preferred != null ? List.of(preferred) : core.matcher.agentsFor(t);
            if (!found.isEmpty()) {
                offer(t, found);
            } else if (q.config.maxSize() > 0 && q.waiting() > q.config.maxSize()) {
                endings.overflow(t, "max_size");
                return;
            } else {
                t.line.add(t);
            }
        }
        core.publishStats(q);
    }

    private Agent stickyAgent(Task t) {
        String id = t.request.preferredAgent();
        if (id == null || t.queue.config.stickyHeadStart().isZero()) {
            return null;
        }
        Agent a = core.agents.get(id);
        boolean usable = a != null && a.presence != Presence.OFFLINE && a.capacity[t.media().ordinal()] > 0
                && t.line.requirement.metBy(a.config);
        return usable ? a : null;
    }

    /** Ends a sticky head start (timer, or the preferred agent logged out): any agent may take it now. */
    void headStartOver(Task t) {
        if (t.phase == TaskPhase.RESERVED) {
            take(t);
            t.to(TaskPhase.Event.RELEASE);
            dispatch(t);
        }
    }

    /** A waiting task that is in no line: to an agent now, or into its line. */
    void dispatch(Task t) {
        List<Agent> found = core.matcher.agentsFor(t);
        if (found.isEmpty()) {
            t.line.add(t);
        } else {
            offer(t, found);
        }
    }

    private void offer(Task t, List<Agent> to) {
        t.to(TaskPhase.Event.OFFER);
        int m = t.media().ordinal();
        for (Agent a : to) {
            AgentState before = core.detach(a);
            a.offered[m]++;
            a.lastOffer = ++core.offerSeq;
            core.attach(a, before);
            Offer o = new Offer(t, a);
            t.offers.add(o);
            a.offers.add(o);
            o.timer = core.lane.schedule(t.queue.config.ringTimeout(), () -> timedOut(o));
            core.publish(new AcdEvent.TaskOffered(t.id, t.queue.id, t.media(), a.id, a.config.extensions()));
        }
    }

    /** Removes one offer and frees the agent's slot (without filling it: the caller decides when). */
    void close(Offer o) {
        AgentState before = core.detach(o.agent);
        unlink(o);
        core.attach(o.agent, before);
    }

    /** The bookkeeping of {@link #close}, for callers that already detached the agent. */
    private static void unlink(Offer o) {
        o.timer.cancel();
        o.task.offers.remove(o);
        o.agent.offers.remove(o);
        o.agent.offered[o.task.media().ordinal()]--;
    }

    void accept(Offer o) {
        Task t = o.task;
        Agent a = o.agent;
        List<Agent> withdrawn = new ArrayList<>();
        for (Offer other : EngineCore.copy(t.offers)) {
            if (other != o) {
                close(other);
                withdrawn.add(other.agent);
                core.publish(new AcdEvent.OfferWithdrawn(t.id, t.queue.id, other.agent.id));
            }
        }
        o.timer.cancel();
        t.offers.remove(o);
        a.offers.remove(o);
        t.to(TaskPhase.Event.ACCEPT);
        AgentState before = core.detach(a);
        a.offered[t.media().ordinal()]--;
        a.active[t.media().ordinal()]++;
        a.misses = 0;
        core.attach(a, before);
        t.assignedTo = a;
        t.maxWaitTimer.cancel();
        QueueRuntime q = t.queue;
        q.unanswered.remove(t);
        long wait = core.now() - t.enqueuedNanos;
        q.answered++;
        if (wait <= q.slaNanos) {
            q.answeredInSla++;
        }
        core.publish(new AcdEvent.TaskAccepted(t.id, q.id, a.id, wait / 1_000_000));
        core.publishStats(q);
        withdrawn.forEach(this::fill);
        fill(a);
    }

    /**
     * The agent rejected ({@code missed} false) or let the offer ring out ({@code missed} true). The
     * agent is not offered this task again; after the queue's max misses in a row they go away
     * ("missed") in the same step, so they never flash available in between.
     */
    void decline(Offer o, boolean missed) {
        Task t = o.task;
        Agent a = o.agent;
        int maxMisses = t.queue.config.maxMisses();
        AgentState before = core.detach(a);
        unlink(o);
        t.exclude(a);
        boolean sentAway = false;
        if (missed) {
            a.misses++;
            sentAway = maxMisses > 0 && a.misses >= maxMisses && a.presence == Presence.READY;
            if (sentAway) {
                a.presence = Presence.AWAY;
                a.awayReason = "missed";
            }
        }
        core.attach(a, before);
        core.publish(missed ? new AcdEvent.OfferTimedOut(t.id, t.queue.id, a.id, a.misses)
                : new AcdEvent.TaskRejected(t.id, t.queue.id, a.id));
        if (sentAway) {
            agentFlow.withdrawOffers(a);
        }
        if (t.offers.isEmpty()) {
            t.to(TaskPhase.Event.DECLINE);
            dispatch(t);
        }
        if (!sentAway) {
            fill(a);
        }
    }

    private void timedOut(Offer o) {
        if (o.task.offers.contains(o)) {
            decline(o, true);
        }
    }

    /** Offers waiting work to {@code a} until its free slots are taken or nothing fits. */
    void fill(Agent a) {
        for (MediaType m : MediaType.values()) {
            while (a.offerable(m)) {
                Task t = core.matcher.taskFor(a, m, core.now());
                if (t == null) {
                    break;
                }
                take(t);
                offer(t, List.of(a));
            }
        }
    }

    /** Takes a waiting task out of its line or reservation, to be offered. */
    private void take(Task t) {
        if (t.phase == TaskPhase.RESERVED) {
            t.headStartTimer.cancel();
            t.reservedFor.reserved.remove(t);
            t.reservedFor = null;
        } else {
            t.line.remove(t);
        }
    }
}
