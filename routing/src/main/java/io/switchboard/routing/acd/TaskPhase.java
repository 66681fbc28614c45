package io.switchboard.routing.acd;

import io.switchboard.core.fsm.TransitionTable;

/**
 * Where a task is in its life. A task waits in its queue's line (or, during a sticky head start, in its
 * preferred agent's reservation), is offered to one agent (or to several for ring-all), and is either
 * accepted or goes back to waiting. Abandon and overflow end it before it is answered; complete ends it
 * after. The transitions are declared in {@link #TABLE}; a command with no row is refused.
 *
 * <pre>
 *   RESERVED --release--&gt; WAITING --offer--&gt; OFFERED --accept--&gt; ASSIGNED --complete--&gt; ENDED
 *      |                     ^                  |
 *      +-------offer---------|-------&gt;----------+ decline (reject / ring timeout) back to WAITING
 *   WAITING, RESERVED, OFFERED --abandon / overflow--&gt; ENDED
 * </pre>
 */
enum TaskPhase {
    RESERVED, WAITING, OFFERED, ASSIGNED, ENDED;

    /** What happens to a task. */
    enum Event { OFFER, RELEASE, ACCEPT, DECLINE, COMPLETE, ABANDON, OVERFLOW }

    static final TransitionTable<TaskPhase, Event> TABLE = TransitionTable.of(TaskPhase.class, Event.class)
            .on(RESERVED, Event.OFFER, OFFERED)
            .on(RESERVED, Event.RELEASE, WAITING)
            .on(WAITING, Event.OFFER, OFFERED)
            .on(OFFERED, Event.ACCEPT, ASSIGNED)
            .on(OFFERED, Event.DECLINE, WAITING)
            .on(ASSIGNED, Event.COMPLETE, ENDED)
            .on(RESERVED, Event.ABANDON, ENDED)
            .on(WAITING, Event.ABANDON, ENDED)
            .on(OFFERED, Event.ABANDON, ENDED)
            .on(RESERVED, Event.OVERFLOW, ENDED)
            .on(WAITING, Event.OVERFLOW, ENDED)
            .on(OFFERED, Event.OVERFLOW, ENDED);
}
