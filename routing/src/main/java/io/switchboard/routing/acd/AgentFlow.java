package io.switchboard.routing.acd;

import java.util.List;
import java.util.Optional;

/**
 * Presence changes: login, logout, away (with a reason) and ready, checked against
 * {@link Presence#TABLE}. Leaving ready withdraws the offers ringing the agent (the tasks go to the next
 * agent); logging out also releases the tasks reserved for them by sticky routing; becoming ready ends
 * any wrap-up early and fills the agent's free slots.
 */
final class AgentFlow {
    private final EngineCore core;
    private final Dispatch dispatch;

    AgentFlow(EngineCore core, Dispatch dispatch) {
        this.core = core;
        this.dispatch = dispatch;
    }

    Outcome command(Agent a, Presence.Command command, String reason) {
        Optional<Presence> next = Presence.TABLE.next(a.presence, command);
        if (next.isEmpty()) {
            return Outcome.refused(Outcome.Refusal.INVALID_STATE, "agent " + a.id + " cannot " + name(command)
                    + " while " + a.state().key());
        }
        if (next.get() == Presence.OFFLINE && activeTasks(a) > 0) {
            return Outcome.refused(Outcome.Refusal.HAS_TASKS, "agent " + a.id + " still holds " + activeTasks(a)
                    + " task(s); complete them before logging out");
        }
        set(a, next.get(), reason);
        return Outcome.OK;
    }

    void set(Agent a, Presence p, String reason) {
        AgentState before = core.detach(a);
        a.presence = p;
        a.awayReason = p == Presence.AWAY ? reason : null;
        if (p != Presence.AWAY) {
            endWrapUps(a);
        }
        if (p == Presence.READY) {
            a.misses = 0;
            if (a.usedTotal() == 0) {
                a.idleSince = core.now();
            }
        }
        core.attach(a, before);
        if (p != Presence.READY) {
            withdrawOffers(a);
        }
        if (p == Presence.OFFLINE) {
            for (Task t : List.copyOf(a.reserved)) {
                dispatch.headStartOver(t);
            }
        }
        if (p == Presence.READY) {
            dispatch.fill(a);
        }
    }

    /** Stops every offer ringing {@code a}; each task goes to another agent or back to its line. */
    void withdrawOffers(Agent a) {
        for (Offer o : EngineCore.copy(a.offers)) {
            Task t = o.task;
            dispatch.close(o);
            core.publish(new AcdEvent.OfferWithdrawn(t.id, t.queue.id, a.id));
            if (t.offers.isEmpty()) {
                t.to(TaskPhase.Event.DECLINE);
                dispatch.dispatch(t);
            }
        }
    }

    private static void endWrapUps(Agent a) {
        for (Agent.WrapUp w : a.wrapUps) {
            w.timer.cancel();
            a.wrapping[w.media.ordinal()]--;
        }
        a.wrapUps.clear();
    }

    private static int activeTasks(Agent a) {
        int n = 0;
        for (int x : a.active) {
            n += x;
        }
        return n;
    }

    private static String name(Presence.Command c) {
        return switch (c) {
            case LOGIN -> "log in";
            case LOGOUT -> "log out";
            case AWAY -> "go away";
            case READY -> "become ready";
        };
    }
}
