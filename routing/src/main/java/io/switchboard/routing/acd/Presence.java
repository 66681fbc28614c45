package io.switchboard.routing.acd;

import io.switchboard.core.fsm.TransitionTable;

/**
 * The agent's own choice: logged out, ready for work, or away (with a reason). Changed only by agent
 * commands and by the engine's "not ready after N missed offers" rule; the transitions are declared in
 * {@link #TABLE}, so a command with no row (logging in twice, going away while offline) is refused with
 * the current presence named instead of being ignored.
 */
enum Presence {
    OFFLINE, READY, AWAY;

    /** The commands that change presence. */
    enum Command { LOGIN, LOGOUT, AWAY, READY }

    static final TransitionTable<Presence, Command> TABLE = TransitionTable.of(Presence.class, Command.class)
            .on(OFFLINE, Command.LOGIN, READY)
            .on(READY, Command.LOGOUT, OFFLINE)
            .on(AWAY, Command.LOGOUT, OFFLINE)
            .on(READY, Command.AWAY, AWAY)
            .on(AWAY, Command.AWAY, AWAY)
            .on(AWAY, Command.READY, READY)
            .on(READY, Command.READY, READY);
}
